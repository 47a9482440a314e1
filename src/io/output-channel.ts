import type { IoBackend } from './backend.ts';
import type { ChannelSettings, OutputState } from './channels.ts';
import type { Journal } from '../journal/index.ts';
import { realTimers, type Timers } from './debouncer.ts';

/** The part of an output's state that is journaled and restored. */
export interface StoredOutput {
  active: boolean;
  pulseUntil: number | null;
  lastChange: number | null;
}

export interface OutputChannelOptions {
  id: string;
  index: number;
  name: string;
  invert: boolean;
  pulseMs: number;
  backend: IoBackend;
  pin: number;
  journal: Journal;
  clock: () => number;
  timers?: Timers;
}

/**
 * One relay. Writes are serialized, so two requests never interleave on the wire; each change is
 * switched on the hardware first, then journaled (with its actor), then announced. A timed pulse
 * keeps its deadline in the journal so a restart still ends it on time.
 */
export class OutputChannel {
  #state: StoredOutput = { active: false, pulseUntil: null, lastChange: null };
  #queue: Promise<unknown> = Promise.resolve();
  #pulseTimer: unknown = null;
  #fault: string | null = null;
  readonly #timers: Timers;
  #settings: Required<ChannelSettings>;

  constructor(private readonly o: OutputChannelOptions) {
    this.#timers = o.timers ?? realTimers;
    this.#settings = { name: o.name, invert: o.invert, pulseMs: o.pulseMs };
  }

  get settingsKey(): string {
    return `settings:${this.o.id}`;
  }

  get stateKey(): string {
    return `output:${this.o.id}`;
  }

  snapshot(): OutputState {
    const { id, index } = this.o;
    return { id, index, ...this.#settings, ...this.#state, fault: this.#fault };
  }

  setFault(fault: string | null): void {
    this.#fault = fault;
  }

  /**
   * Applies the start-up policy: exactly one write, before any other. A journaled pulse that was
   * running wins over the policy: it goes on until its deadline, or ends at once if that has passed.
   */
  async start(policy: 'off' | 'on' | 'restore'): Promise<void> {
    this.#settings = this.o.journal.getState<Required<ChannelSettings>>(this.settingsKey) ?? this.#settings;
    const stored = this.o.journal.getState<StoredOutput>(this.stateKey);
    const now = this.o.clock();
    let active = policy === 'on' || (policy === 'restore' && stored?.active === true);
    let pulseUntil: number | null = null;
    if (stored?.pulseUntil != null) {
      active = stored.pulseUntil > now;
      pulseUntil = active ? stored.pulseUntil : null;
    }
    this.#state = { active: stored?.active ?? false, pulseUntil: stored?.pulseUntil ?? null, lastChange: stored?.lastChange ?? null };
    await this.#enqueue(() => this.#write(active, pulseUntil, 'startup', true));
    if (pulseUntil !== null) this.#schedulePulseEnd(pulseUntil);
  }

  stop(): void {
    this.#clearPulseTimer();
  }

  /** Writes the state auxio holds to the hardware again (after the hardware came back). */
  resync(): Promise<OutputState> {
    return this.#enqueue(async () => {
      await this.o.backend.writeOutput(this.o.pin, (this.#state.active !== this.#settings.invert ? 1 : 0) as 0 | 1);
      return this.snapshot();
    });
  }

  set(active: boolean, actor: string): Promise<OutputState> {
    return this.#enqueue(() => {
      this.#clearPulseTimer();
      return this.#write(active, null, actor, false);
    });
  }

  /** Renames, re-inverts (the pin is rewritten so the relay keeps its state) or sets the default pulse. */
  configure(settings: ChannelSettings, actor: string): Promise<OutputState> {
    return this.#enqueue(async () => {
      const next = { ...this.#settings, ...definedOnly(settings) };
      if (next.invert !== this.#settings.invert) {
        await this.o.backend.writeOutput(this.o.pin, (this.#state.active !== next.invert ? 1 : 0) as 0 | 1);
      }
      this.#settings = next;
      this.o.journal.append({ kind: 'channel', channel: this.o.id, actor, data: { ...next } }, { [this.settingsKey]: next });
      return this.snapshot();
    });
  }

  toggle(actor: string): Promise<OutputState> {
    return this.#enqueue(() => {
      this.#clearPulseTimer();
      return this.#write(!this.#state.active, null, actor, false);
    });
  }

  pulse(ms: number, actor: string): Promise<OutputState> {
    return this.#enqueue(async () => {
      this.#clearPulseTimer();
      const state = await this.#write(true, { ms }, actor, false);
      if (state.pulseUntil !== null) this.#schedulePulseEnd(state.pulseUntil);
      return state;
    });
  }

  #schedulePulseEnd(until: number): void {
    const delay = Math.max(0, until - this.o.clock());
    this.#pulseTimer = this.#timers.setTimeout(() => {
      // Timers go by the event loop's clock, read once per turn: late in a busy turn they fire
      // early by the wall clock the deadline is in. Wait out the rest.
      if (this.o.clock() < until) return this.#schedulePulseEnd(until);
      this.#pulseTimer = null;
      // A command queued before the deadline (behind a slow write) may have replaced this pulse.
      void this.#enqueue(async () => (this.#state.pulseUntil === until ? this.#write(false, null, 'pulse', false) : this.snapshot()));
    }, delay);
  }

  #clearPulseTimer(): void {
    if (this.#pulseTimer !== null) this.#timers.clearTimeout(this.#pulseTimer);
    this.#pulseTimer = null;
  }

  #enqueue<T>(op: () => Promise<T>): Promise<T> {
    const next = this.#queue.then(op, op);
    this.#queue = next.catch(() => {});
    return next;
  }

  /**
   * Switches the hardware, then journals the change if anything changed (or always at start-up).
   * A pulse given as `{ ms }` counts from the moment the hardware switched, so a slow backend
   * (a Modbus round trip) does not shorten it and the journal's deadline is exactly time + ms.
   */
  async #write(active: boolean, deadline: number | null | { ms: number }, actor: string, force: boolean): Promise<OutputState> {
    const level = (active !== this.#settings.invert ? 1 : 0) as 0 | 1;
    await this.o.backend.writeOutput(this.o.pin, level);
    const now = this.o.clock();
    const pulseUntil = deadline !== null && typeof deadline === 'object' ? now + deadline.ms : deadline;
    const changed = active !== this.#state.active || pulseUntil !== this.#state.pulseUntil;
    if (changed || force) {
      const lastChange = active !== this.#state.active ? now : this.#state.lastChange;
      const previous = this.#state;
      // Subscribers are told inside append: they must already see the new state.
      this.#state = { active, pulseUntil, lastChange };
      try {
        this.o.journal.append(
          { kind: 'output', time: now, channel: this.o.id, actor, data: { active, pulseUntil } },
          { [this.stateKey]: this.#state },
        );
      } catch (err) {
        this.#state = previous;
        throw err;
      }
    }
    return this.snapshot();
  }
}

function definedOnly(settings: ChannelSettings): ChannelSettings {
  return Object.fromEntries(Object.entries(settings).filter(([, v]) => v !== undefined));
}
