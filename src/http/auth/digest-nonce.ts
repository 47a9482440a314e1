import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { systemClock, type Clock } from './clock.ts';

/** How long a nonce is accepted, unless configured otherwise. */
export const DEFAULT_NONCE_LIFETIME_MS = 300_000;

// Layout: 8-byte issue time (ms, big-endian) | 8 random bytes | first 16 bytes of HMAC-SHA256.
// The random part keeps two nonces issued in the same millisecond apart, so their replay
// counters stay apart too. 32 bytes encode to exactly 43 base64url characters, which need no
// quoting or escaping in a header.
const TIME_BYTES = 8;
const RANDOM_BYTES = 8;
const MAC_BYTES = 16;
const NONCE_BYTES = TIME_BYTES + RANDOM_BYTES + MAC_BYTES;
const NONCE_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** What a nonce turned out to be; `issuedAt` only for nonces this signer made. */
export type NonceCheck =
  | { status: 'valid'; issuedAt: number }
  | { status: 'expired'; issuedAt: number }
  | { status: 'forged' };

/** Options for NonceSigner. */
export interface NonceSignerOptions {
  lifetimeMs?: number;
  clock?: Clock;
  /** HMAC key; random per process by default, so a restart invalidates every nonce. */
  secret?: Uint8Array;
}

/**
 * Issues stateless Digest nonces: each carries its issue time and an HMAC over it, so the server
 * keeps nothing per challenge yet can tell one it issued that has expired (answer `stale=true`,
 * the client retries silently) from one it never issued (a plain refusal).
 * @example
 * const signer = new NonceSigner({ lifetimeMs: 60_000 });
 * signer.check(signer.issue()).status // 'valid'
 */
export class NonceSigner {
  readonly #lifetimeMs: number;
  readonly #clock: Clock;
  readonly #secret: Uint8Array;

  constructor(options: NonceSignerOptions = {}) {
    const lifetimeMs = options.lifetimeMs ?? DEFAULT_NONCE_LIFETIME_MS;
    if (!Number.isFinite(lifetimeMs) || lifetimeMs <= 0) throw new RangeError('lifetimeMs must be > 0');
    this.#lifetimeMs = lifetimeMs;
    this.#clock = options.clock ?? systemClock;
    this.#secret = options.secret ?? randomBytes(32);
  }

  /** A fresh nonce, valid from now for the configured lifetime. */
  issue(): string {
    const body = Buffer.alloc(TIME_BYTES + RANDOM_BYTES);
    body.writeBigUInt64BE(BigInt(Math.max(0, Math.floor(this.#clock()))), 0);
    randomBytes(RANDOM_BYTES).copy(body, TIME_BYTES);
    return Buffer.concat([body, this.#mac(body)]).toString('base64url');
  }

  /** Checks the signature, then the age. Never throws. */
  check(nonce: string): NonceCheck {
    if (typeof nonce !== 'string' || !NONCE_PATTERN.test(nonce)) return { status: 'forged' };
    const raw = Buffer.from(nonce, 'base64url');
    // The last base64 character carries two spare bits; insisting on the canonical spelling keeps
    // one nonce from having four names.
    if (raw.length !== NONCE_BYTES || raw.toString('base64url') !== nonce) return { status: 'forged' };
    const body = raw.subarray(0, TIME_BYTES + RANDOM_BYTES);
    if (!timingSafeEqual(raw.subarray(TIME_BYTES + RANDOM_BYTES), this.#mac(body))) {
      return { status: 'forged' };
    }
    const issuedAt = Number(body.readBigUInt64BE(0));
    const age = this.#clock() - issuedAt;
    // A negative age means the clock stepped back; treat it as expired so the client simply
    // fetches a nonce stamped with the new time.
    const fresh = age >= 0 && age <= this.#lifetimeMs;
    return { status: fresh ? 'valid' : 'expired', issuedAt };
  }

  #mac(body: Buffer): Buffer {
    return createHmac('sha256', this.#secret).update(body).digest().subarray(0, MAC_BYTES);
  }
}
