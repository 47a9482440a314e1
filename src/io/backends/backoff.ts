import { setTimeout as sleep } from 'node:timers/promises';

export interface BackoffOptions {
  /** First delay (default 250 ms). */
  initialMs?: number;
  /** Longest delay (default 10 s). */
  maxMs?: number;
}

/**
 * Retry delays that double from `initialMs` to `maxMs`, so a dead device is retried quickly at
 * first and then without hammering it; `reset()` after a success starts again from the short delay.
 */
export class Backoff {
  readonly #initialMs: number;
  readonly #maxMs: number;
  #nextMs: number;

  constructor(options: BackoffOptions = {}) {
    this.#initialMs = options.initialMs ?? 250;
    this.#maxMs = options.maxMs ?? 10_000;
    this.#nextMs = this.#initialMs;
  }

  /** The delay to wait now; each call doubles the next one up to the maximum. */
  next(): number {
    const ms = this.#nextMs;
    this.#nextMs = Math.min(this.#maxMs, this.#nextMs * 2);
    return ms;
  }

  reset(): void {
    this.#nextMs = this.#initialMs;
  }
}

/** Sleeps `ms` unless `signal` aborts first; resolves false when aborted (stop() is under way). */
export async function pause(ms: number, signal: AbortSignal): Promise<boolean> {
  try {
    await sleep(ms, undefined, { signal });
    return true;
  } catch {
    return false;
  }
}
