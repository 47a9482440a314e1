import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const MAX_TOKENS = 1000;

/**
 * The tokens `wssession.cgi` hands out: a WebSocket upgrade cannot carry a Digest login in every
 * browser, so the client logs in over HTTP first and presents a token once, within ~15 s.
 */
export class SessionTokens {
  readonly #tokens = new Map<string, { user: { username: string; role: string }; expires: number }>();

  constructor(
    private readonly lifetimeMs = 15_000,
    private readonly clock: () => number = Date.now,
  ) {}

  issue(user: { username: string; role: string }): string {
    this.#prune();
    const bytes = randomBytes(32);
    let token = '';
    for (const b of bytes) token += ALPHABET[b % ALPHABET.length];
    this.#tokens.set(token, { user, expires: this.clock() + this.lifetimeMs });
    return token;
  }

  /** The user a token was issued to, once: a token is gone after its first use or when it expires. */
  redeem(token: string): { username: string; role: string } | undefined {
    const entry = this.#tokens.get(token);
    this.#tokens.delete(token);
    return entry && entry.expires > this.clock() ? entry.user : undefined;
  }

  #prune(): void {
    const now = this.clock();
    for (const [token, entry] of this.#tokens) if (entry.expires <= now) this.#tokens.delete(token);
    while (this.#tokens.size >= MAX_TOKENS) this.#tokens.delete(this.#tokens.keys().next().value!);
  }
}
