import type { ChannelSettings, InputState } from './channels.ts';
import type { Journal } from '../journal/index.ts';
import { Debouncer, realTimers, type Timers } from './debouncer.ts';

/** The part of an input's state that is journaled and restored. */
export interface StoredInput {
  level: 0 | 1;
  pulses: number;
  lastChange: number | null;
}

export interface InputChannelOptions {
  id: string;
  index: number;
  name: string;
  invert: boolean;
  debounceMs: number;
  journal: Journal;
  timers?: Timers;
}

/**
 * One input: inversion, debounce, edge detection and the pulse total. Every accepted edge is
 * journaled with the new total in the same transaction, so a total never goes backwards and an
 * edge is never counted twice, not even across `kill -9`.
 */
export class InputChannel {
  #state: StoredInput = { level: 0, pulses: 0, lastChange: null };
  #debouncer: Debouncer | null = null;
  #fault: string | null = null;
  #raw: 0 | 1 = 0;
  #name: string;
  #invert: boolean;

  constructor(private readonly o: InputChannelOptions) {
    this.#name = o.name;
    this.#invert = o.invert;
  }

  get id(): string {
    return this.o.id;
  }

  get stateKey(): string {
    return `input:${this.o.id}`;
  }

  snapshot(): InputState {
    const { id, index } = this.o;
    return { id, index, name: this.#name, ...this.#state, fault: this.#fault, invert: this.#invert };
  }

  get settingsKey(): string {
    return `settings:${this.o.id}`;
  }

  /** Takes the first level read as state, not as an edge; restores the pulse total and settings. */
  start(rawLevel: 0 | 1): void {
    const settings = this.o.journal.getState<Required<Pick<ChannelSettings, 'name' | 'invert'>>>(this.settingsKey);
    if (settings) ({ name: this.#name, invert: this.#invert } = settings);
    const stored = this.o.journal.getState<StoredInput>(this.stateKey);
    this.#raw = rawLevel;
    this.#state = { level: this.#logical(rawLevel), pulses: stored?.pulses ?? 0, lastChange: stored?.lastChange ?? null };
    this.#startDebouncer();
  }

  /**
   * Renames or re-inverts the input. A new inversion changes what the current level means, not the
   * wire: the level is re-read as state, so no edge is journaled and no pulse counted.
   */
  configure(settings: ChannelSettings, actor: string): InputState {
    this.#name = settings.name ?? this.#name;
    this.#invert = settings.invert ?? this.#invert;
    this.#state = { ...this.#state, level: this.#logical(this.#raw) };
    this.#debouncer?.stop();
    this.#startDebouncer();
    const data = { name: this.#name, invert: this.#invert, pulseMs: null };
    this.o.journal.append(
      { kind: 'channel', channel: this.o.id, actor, data },
      { [this.settingsKey]: { name: this.#name, invert: this.#invert }, [this.stateKey]: this.#state },
    );
    return this.snapshot();
  }

  #startDebouncer(): void {
    this.#debouncer = new Debouncer(this.#state.level, this.o.debounceMs, (l, at) => this.#accept(l, at), this.o.timers ?? realTimers);
  }

  stop(): void {
    this.#debouncer?.stop();
  }

  /** A raw pin change from the backend. */
  feed(rawLevel: 0 | 1, at: number): void {
    this.#raw = rawLevel;
    this.#debouncer?.feed(this.#logical(rawLevel), at);
  }

  setFault(fault: string | null): void {
    this.#fault = fault;
  }

  #logical(raw: 0 | 1): 0 | 1 {
    return (this.#invert ? 1 - raw : raw) as 0 | 1;
  }

  #accept(level: 0 | 1, at: number): void {
    const previous = this.#state;
    // The seed's pulse: a one-to-zero transition.
    const pulses = previous.pulses + (previous.level === 1 && level === 0 ? 1 : 0);
    this.#state = { level, pulses, lastChange: at };
    try {
      this.o.journal.append(
        { kind: 'input', time: at, channel: this.o.id, data: { level, pulses } },
        { [this.stateKey]: this.#state },
      );
    } catch (err) {
      this.#state = previous;
      throw err;
    }
  }
}
