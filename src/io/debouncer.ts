/** Timer functions, injectable so tests can drive time. */
export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/**
 * Accepts a level only once it has held for `ms`, on both edges: a contact that bounces, or a long
 * cable that picks up noise, yields one clean change. With `ms` 0 every change counts at once.
 */
export class Debouncer {
  #accepted: 0 | 1;
  #pending: { level: 0 | 1; at: number } | null = null;
  #timer: unknown = null;

  constructor(
    initial: 0 | 1,
    private readonly ms: number,
    private readonly onAccept: (level: 0 | 1, at: number) => void,
    private readonly timers: Timers = realTimers,
  ) {
    this.#accepted = initial;
  }

  get level(): 0 | 1 {
    return this.#accepted;
  }

  /** A raw change seen at time `at`. */
  feed(level: 0 | 1, at: number): void {
    if (this.ms === 0) {
      if (level !== this.#accepted) this.#accept(level, at);
      return;
    }
    this.#cancel();
    // Back at the accepted level before the time ran out: the excursion was a bounce.
    if (level === this.#accepted) return;
    this.#pending = { level, at };
    this.#timer = this.timers.setTimeout(() => {
      const pending = this.#pending;
      this.#pending = null;
      this.#timer = null;
      if (pending) this.#accept(pending.level, pending.at);
    }, this.ms);
  }

  stop(): void {
    this.#cancel();
  }

  #cancel(): void {
    if (this.#timer !== null) this.timers.clearTimeout(this.#timer);
    this.#timer = null;
    this.#pending = null;
  }

  #accept(level: 0 | 1, at: number): void {
    this.#accepted = level;
    this.onAccept(level, at);
  }
}
