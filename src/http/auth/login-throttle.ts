import { systemClock, type Clock } from './clock.ts';

/** Tuning for LoginThrottle; every field has a default. */
export interface LoginThrottleOptions {
  /** Failures an address may make before delays start. Default 5. */
  freeFailures?: number;
  /** An address's count is forgotten after this long without a failure. Default 10 min. */
  windowMs?: number;
  /** Delay for the first failure past the free ones; doubles with each further one. Default 250 ms. */
  baseDelayMs?: number;
  /** The delay stops growing here. Default 10 s. */
  maxDelayMs?: number;
  /** Addresses tracked at most; the one with the oldest failure goes first. Default 10 000. */
  maxEntries?: number;
  clock?: Clock;
}

interface Entry {
  failures: number;
  lastFailureAt: number;
}

/**
 * Slows password guessing per remote address: after `freeFailures` failures, each further failure
 * is answered only after a delay that doubles up to a cap. A success from the address resets it.
 * The caller sleeps; this class only counts, so it never holds timers.
 * @example
 * throttle.recordFailure(ip);
 * await sleep(throttle.failureDelayMs(ip)); // then send the 401
 */
export class LoginThrottle {
  readonly #freeFailures: number;
  readonly #windowMs: number;
  readonly #baseDelayMs: number;
  readonly #maxDelayMs: number;
  readonly #maxEntries: number;
  readonly #clock: Clock;
  readonly #entries = new Map<string, Entry>();

  constructor(options: LoginThrottleOptions = {}) {
    this.#freeFailures = nonNegative(options.freeFailures ?? 5, 'freeFailures');
    this.#windowMs = nonNegative(options.windowMs ?? 600_000, 'windowMs');
    this.#baseDelayMs = nonNegative(options.baseDelayMs ?? 250, 'baseDelayMs');
    this.#maxDelayMs = nonNegative(options.maxDelayMs ?? 10_000, 'maxDelayMs');
    this.#maxEntries = Math.max(1, nonNegative(options.maxEntries ?? 10_000, 'maxEntries'));
    this.#clock = options.clock ?? systemClock;
  }

  /** Counts one failed login from `address`; returns the delay to apply before answering it. */
  recordFailure(address: string): number {
    const now = this.#clock();
    const failures = (this.#current(address, now)?.failures ?? 0) + 1;
    // Re-insert so the Map's order stays oldest-failure first, which is the eviction order.
    this.#entries.delete(address);
    this.#entries.set(address, { failures, lastFailureAt: now });
    this.#evict();
    return this.failureDelayMs(address);
  }

  /** The delay for the failure most recently recorded from `address` (0 while under the limit). */
  failureDelayMs(address: string): number {
    const failures = this.#current(address, this.#clock())?.failures ?? 0;
    const over = failures - this.#freeFailures;
    if (over <= 0) return 0;
    // Capping the exponent keeps 2 ** n finite however long an attacker keeps going.
    return Math.min(this.#maxDelayMs, this.#baseDelayMs * 2 ** Math.min(over - 1, 30));
  }

  /** A successful login from `address` forgives its failures. */
  recordSuccess(address: string): void {
    this.#entries.delete(address);
  }

  /** Number of addresses currently tracked. */
  get size(): number {
    return this.#entries.size;
  }

  /** The entry for `address`, dropping it when its window has passed. */
  #current(address: string, now: number): Entry | undefined {
    const entry = this.#entries.get(address);
    if (entry !== undefined && now - entry.lastFailureAt > this.#windowMs) {
      this.#entries.delete(address);
      return undefined;
    }
    return entry;
  }

  #evict(): void {
    for (const address of this.#entries.keys()) {
      if (this.#entries.size <= this.#maxEntries) return;
      this.#entries.delete(address);
    }
  }
}

function nonNegative(value: number, name: string): number {
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`${name} must be a finite number >= 0`);
  return value;
}
