import type { InputState } from './channels.ts';
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

  constructor(private readonly o: InputChannelOptions) {}

  get id(): string {
    return this.o.id;
  }

  get stateKey(): string {
    return `input:${this.o.id}`;
  }

  snapshot(): InputState {
    return { id: this.o.id, index: this.o.index, name: this.o.name, ...this.#state, fault: this.#fault };
  }

  /** Takes the first level read as state, not as an edge; restores the pulse total. */
  start(rawLevel: 0 | 1): void {
    const stored = this.o.journal.getState<StoredInput>(this.stateKey);
    const level = this.#logical(rawLevel);
    this.#state = { level, pulses: stored?.pulses ?? 0, lastChange: stored?.lastChange ?? null };
    this.#debouncer = new Debouncer(level, this.o.debounceMs, (l, at) => this.#accept(l, at), this.o.timers ?? realTimers);
  }

  stop(): void {
    this.#debouncer?.stop();
  }

  /** A raw pin change from the backend. */
  feed(rawLevel: 0 | 1, at: number): void {
    this.#debouncer?.feed(this.#logical(rawLevel), at);
  }

  setFault(fault: string | null): void {
    this.#fault = fault;
  }

  #logical(raw: 0 | 1): 0 | 1 {
    return (this.o.invert ? 1 - raw : raw) as 0 | 1;
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
