import { createHmac, randomBytes } from 'node:crypto';
import { verifyPassword } from './passwords.ts';

const MAX_ENTRIES = 1000;

/**
 * Remembers recent successful Basic checks, so a client that sends Basic on every request (the
 * seed's scripts, `curl --basic` in a loop) pays scrypt's ~40 ms once, not per request. An entry is
 * keyed by a keyed hash of user and password (the password itself is never kept) and holds the
 * stored hash it matched: a password change makes the entry worthless at once.
 */
export class VerifiedPasswords {
  readonly #key = randomBytes(32);
  readonly #entries = new Map<string, string>();

  verify(username: string, password: string, passwordHash: string): boolean {
    const id = createHmac('sha256', this.#key).update(username).update('\0').update(password).digest('base64url');
    if (this.#entries.get(id) === passwordHash) return true;
    if (!verifyPassword(password, passwordHash)) return false;
    this.#entries.delete(id);
    this.#entries.set(id, passwordHash);
    if (this.#entries.size > MAX_ENTRIES) this.#entries.delete(this.#entries.keys().next().value!);
    return true;
  }
}
