/** How many nonces' counters are kept unless configured otherwise. */
export const DEFAULT_MAX_TRACKED_NONCES = 10_000;

/** How far below the highest count an unused count is still accepted (requests overtaking each other). */
export const REPLAY_WINDOW = 64;

/**
 * What a nonce count turned out to be: `accepted` (never used before, now recorded), `replay`
 * (used before, or too far below the highest), or `forgotten` (its counter was evicted, so replay
 * cannot be ruled out).
 */
export type NonceCountCheck = 'accepted' | 'replay' | 'forgotten';

/**
 * Replay protection for Digest: remembers the highest `nc` used with each nonce and which of the
 * 64 counts below it were used, so a client may reuse one nonce for many requests (Home Assistant
 * does), even concurrently, on several connections whose requests overtake each other, while a
 * captured request can never be sent again (the sliding window of IPsec's anti-replay, RFC 4303).
 *
 * Memory is bounded: past `maxEntries` the least recently used nonce is forgotten. Forgetting
 * must not reopen a replay window, so the newest issue time ever evicted is kept, and any
 * untracked nonce issued no later than that is reported `forgotten` (the caller answers
 * `stale=true` and the client moves on to a fresh nonce).
 */
export class NonceCounts {
  readonly #maxEntries: number;
  readonly #tracked = new Map<string, { highest: number; seen: bigint; issuedAt: number }>();
  #evictedUpTo = -Infinity;

  constructor(options: { maxEntries?: number } = {}) {
    const maxEntries = options.maxEntries ?? DEFAULT_MAX_TRACKED_NONCES;
    if (!Number.isInteger(maxEntries) || maxEntries < 1) throw new RangeError('maxEntries must be >= 1');
    this.#maxEntries = maxEntries;
  }

  /**
   * Checks `nc` for `nonce` (issued at `issuedAt`) and records it when accepted. Call only after
   * the response has been verified, so that strangers cannot burn counts or fill the table.
   */
  use(nonce: string, issuedAt: number, nc: number): NonceCountCheck {
    const entry = this.#tracked.get(nonce);
    if (entry === undefined && issuedAt <= this.#evictedUpTo) return 'forgotten';
    const next = entry === undefined ? { highest: nc, seen: 1n, issuedAt } : advance(entry, nc);
    if (next === undefined) return 'replay';
    // Delete first so the Map's insertion order stays least-recently-used first.
    this.#tracked.delete(nonce);
    this.#tracked.set(nonce, next);
    this.#evict();
    return 'accepted';
  }

  /** Number of nonces currently tracked. */
  get size(): number {
    return this.#tracked.size;
  }

  #evict(): void {
    for (const [nonce, entry] of this.#tracked) {
      if (this.#tracked.size <= this.#maxEntries) return;
      this.#tracked.delete(nonce);
      this.#evictedUpTo = Math.max(this.#evictedUpTo, entry.issuedAt);
    }
  }
}

const WINDOW_MASK = (1n << BigInt(REPLAY_WINDOW)) - 1n;

/** Records `nc` in a nonce's window: bit i of `seen` is count `highest - i`. Undefined if used or too old. */
function advance(entry: { highest: number; seen: bigint; issuedAt: number }, nc: number) {
  if (nc > entry.highest) {
    const shift = nc - entry.highest;
    const seen = shift >= REPLAY_WINDOW ? 1n : ((entry.seen << BigInt(shift)) | 1n) & WINDOW_MASK;
    return { highest: nc, seen, issuedAt: entry.issuedAt };
  }
  const offset = entry.highest - nc;
  if (offset >= REPLAY_WINDOW) return undefined;
  const bit = 1n << BigInt(offset);
  if (entry.seen & bit) return undefined;
  return { ...entry, seen: entry.seen | bit };
}
