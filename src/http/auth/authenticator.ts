import { randomBytes } from 'node:crypto';
import { splitAuthorization } from './auth-params.ts';
import { buildBasicChallenge, parseBasicAuthorization } from './basic.ts';
import type { Clock } from './clock.ts';
import {
  buildDigestChallenge,
  digestHashOf,
  isDigestAlgorithm,
  parseDigestAuthorization,
  verifyDigestResponse,
  type DigestAlgorithm,
  type DigestCredentials,
} from './digest.ts';
import { NonceSigner } from './digest-nonce.ts';
import { LoginThrottle } from './login-throttle.ts';
import { NonceCounts } from './nonce-counts.ts';
import { VerifiedPasswords } from './verified-passwords.ts';
import { hashPassword, verifyPassword, type StoredCredential } from './passwords.ts';
import { isRole, type Role } from './roles.ts';

/** Where the Authenticator finds users; the lookup must match the username exactly. */
export interface UserLookup {
  find(username: string): StoredCredential | undefined;
}

/** Everything an Authenticator needs, in one object. */
export interface AuthenticatorOptions {
  realm: string;
  users: UserLookup;
  /** Digest challenges offered, in this order. Default ['MD5']: many clients read only the first. */
  digestAlgorithms?: DigestAlgorithm[];
  /** Offer and accept Basic. Default true. */
  allowBasic?: boolean;
  /** How long a Digest nonce is accepted. Default 300 s. */
  nonceLifetimeMs?: number;
  clock?: Clock;
  /** Counts password guesses per remote address; `delayMs` reports its delay. Default: a fresh one. */
  throttle?: LoginThrottle;
}

/** One request's credentials, as the HTTP layer sees them. */
export interface AuthRequest {
  method: string;
  /** The request-target exactly as sent (path and query), which Digest's `uri` must equal. */
  uri: string;
  /** The `Authorization` header, if any. */
  authorization: string | undefined;
  /** The peer's address, for throttling failed logins. */
  remoteAddress: string | undefined;
}

/** Why a request was not authenticated. `bad-nonce`: a Digest nonce this process never issued. */
export type AuthFailureReason =
  | 'missing'
  | 'malformed'
  | 'unknown-user'
  | 'bad-password'
  | 'stale'
  | 'replay'
  | 'uri-mismatch'
  | 'unsupported'
  | 'bad-nonce';

/** The user a request was authenticated as; never carries a password or hash. */
export interface AuthenticatedUser {
  username: string;
  role: Role;
}

/**
 * The outcome of `authenticate`. On failure, send 401 with one `WWW-Authenticate` header per
 * `challenges` entry, after waiting `delayMs` (the login throttle's delay).
 */
export type AuthResult =
  | { ok: true; user: AuthenticatedUser; scheme: 'digest' | 'basic' }
  | { ok: false; reason: AuthFailureReason; challenges: string[]; delayMs: number };

type Outcome =
  | { ok: true; credential: StoredCredential; scheme: 'digest' | 'basic' }
  | { ok: false; reason: AuthFailureReason; stale?: boolean };

type SchemeVerifier = (header: string, request: AuthRequest) => Outcome;

/** Failures that are guesses at a password, and so count towards the throttle. */
const GUESSES: ReadonlySet<AuthFailureReason> = new Set(['unknown-user', 'bad-password']);

/**
 * Checks HTTP Basic and Digest (RFC 7617, RFC 7616) credentials against a user store. Framework
 * independent: plain request fields in, a plain result out. Never throws on request data.
 * @example
 * const auth = new Authenticator({ realm: 'auxio', users });
 * const result = auth.authenticate({ method: req.method, uri: req.url, authorization: req.headers.authorization, remoteAddress: req.socket.remoteAddress });
 * if (!result.ok) { res.setHeader('WWW-Authenticate', result.challenges); res.statusCode = 401; }
 */
export class Authenticator {
  readonly #realm: string;
  readonly #users: UserLookup;
  readonly #algorithms: readonly DigestAlgorithm[];
  readonly #allowBasic: boolean;
  readonly #signer: NonceSigner;
  readonly #counts = new NonceCounts();
  readonly #throttle: LoginThrottle | undefined;
  // opaque must be echoed by clients but carries nothing here: the nonce is self-verifying.
  readonly #opaque = randomBytes(16).toString('base64url');
  readonly #schemes = new Map<string, SchemeVerifier>();
  readonly #basicChecks = new VerifiedPasswords();

  constructor(options: AuthenticatorOptions) {
    this.#realm = options.realm;
    this.#users = options.users;
    this.#algorithms = checkAlgorithms(options.digestAlgorithms ?? ['MD5']);
    this.#allowBasic = options.allowBasic ?? true;
    this.#signer = new NonceSigner({ lifetimeMs: options.nonceLifetimeMs, clock: options.clock });
    // Throttling is part of logging in, on by default: a guesser is slowed whoever builds this.
    this.#throttle = options.throttle ?? new LoginThrottle({ clock: options.clock });
    if (this.#algorithms.length > 0) this.#schemes.set('digest', (h, r) => this.#digest(h, r));
    if (this.#allowBasic) this.#schemes.set('basic', (h) => this.#basic(h));
    checkConfig(options, this.#schemes.size);
    this.challenges(); // throws now, not per request, if the realm cannot go in a header
  }

  /** Authenticates one request. Never throws; never returns or logs a password. */
  authenticate(request: AuthRequest): AuthResult {
    const address = typeof request?.remoteAddress === 'string' ? request.remoteAddress : '';
    return this.#finish(this.#check(request), address);
  }

  /** The `WWW-Authenticate` values for a 401: Digest per algorithm, then Basic if allowed. */
  challenges(stale = false): string[] {
    const nonce = this.#signer.issue();
    const realm = this.#realm;
    const digest = this.#algorithms.map((algorithm) =>
      buildDigestChallenge({ realm, algorithm, nonce, opaque: this.#opaque, stale }),
    );
    return this.#allowBasic ? [...digest, buildBasicChallenge(realm)] : digest;
  }

  #check(request: AuthRequest): Outcome {
    const header: unknown = request?.authorization;
    if (header === undefined || header === null || header === '') return fail('missing');
    if (typeof header !== 'string' || typeof request.method !== 'string' || typeof request.uri !== 'string') {
      return fail('malformed');
    }
    const split = splitAuthorization(header);
    if (split === undefined) return fail('malformed');
    const verify = this.#schemes.get(split.scheme);
    return verify === undefined ? fail('unsupported') : verify(header, request);
  }

  #digest(header: string, request: AuthRequest): Outcome {
    const parsed = parseDigestAuthorization(header);
    if (!parsed.ok) return fail(parsed.reason);
    const credentials = parsed.credentials;
    if (!this.#algorithms.includes(credentials.algorithm)) return fail('unsupported');
    if (credentials.uri !== request.uri) return fail('uri-mismatch');
    const nonce = this.#signer.check(credentials.nonce);
    const user = this.#find(credentials.username);
    if (user === undefined) return fail(nonce.status === 'forged' ? 'bad-nonce' : 'unknown-user');
    if (!this.#responseMatches(credentials, request.method, user)) return fail(nonce.status === 'forged' ? 'bad-nonce' : 'bad-password');
    // Stale only once the response proved the client knows the password (RFC 7616 section 3.3).
    // A nonce we did not sign but answered correctly is one from before a restart (the key is
    // per process): stale, so an open page re-challenges silently instead of asking to log in.
    if (nonce.status !== 'valid') return { ok: false, reason: 'stale', stale: true };
    return this.#countUse(credentials, nonce.issuedAt, user);
  }

  #responseMatches(credentials: DigestCredentials, method: string, user: StoredCredential): boolean {
    // A response computed for another realm was hashed over another HA1, so it cannot match.
    if (credentials.realm !== this.#realm) return false;
    const ha1 = digestHashOf(credentials.algorithm) === 'MD5' ? user.ha1Md5 : user.ha1Sha256;
    return typeof ha1 === 'string' && verifyDigestResponse(credentials, method, ha1.toLowerCase());
  }

  /**
   * Replays and forgotten counters both get `stale=true`: the client has proved it knows the
   * password, and a fresh nonce lets an honest client whose requests overtook each other retry.
   */
  #countUse(credentials: DigestCredentials, issuedAt: number, user: StoredCredential): Outcome {
    const use = this.#counts.use(credentials.nonce, issuedAt, credentials.ncValue);
    if (use === 'replay') return { ok: false, reason: 'replay', stale: true };
    if (use === 'forgotten') return { ok: false, reason: 'stale', stale: true };
    return { ok: true, credential: user, scheme: 'digest' };
  }

  #basic(header: string): Outcome {
    const parsed = parseBasicAuthorization(header);
    if (!parsed.ok) return fail(parsed.reason);
    const { username, password } = parsed.credentials;
    const user = this.#find(username);
    if (user === undefined) {
      // Spend the same scrypt time as for a real user, so timing does not reveal who exists.
      verifyPassword(password, decoyHash());
      return fail('unknown-user');
    }
    if (!this.#basicChecks.verify(username, password, user.passwordHash)) return fail('bad-password');
    return { ok: true, credential: user, scheme: 'basic' };
  }

  /** The stored user with exactly this name and a valid role. */
  #find(username: string): StoredCredential | undefined {
    const user = this.#users.find(username);
    return user !== undefined && user.username === username && isRole(user.role) ? user : undefined;
  }

  #finish(outcome: Outcome, address: string): AuthResult {
    if (outcome.ok) {
      this.#throttle?.recordSuccess(address);
      const { username, role } = outcome.credential;
      return { ok: true, user: { username, role }, scheme: outcome.scheme };
    }
    const delayMs = GUESSES.has(outcome.reason) ? (this.#throttle?.recordFailure(address) ?? 0) : 0;
    return { ok: false, reason: outcome.reason, challenges: this.challenges(outcome.stale === true), delayMs };
  }
}

function fail(reason: AuthFailureReason): Outcome {
  return { ok: false, reason };
}

function checkAlgorithms(algorithms: readonly DigestAlgorithm[]): DigestAlgorithm[] {
  for (const algorithm of algorithms) {
    if (!isDigestAlgorithm(algorithm)) throw new TypeError(`unknown digest algorithm ${String(algorithm)}`);
  }
  return [...new Set(algorithms)];
}

function checkConfig(options: AuthenticatorOptions, schemes: number): void {
  if (typeof options.realm !== 'string' || options.realm === '') throw new TypeError('realm must be a non-empty string');
  if (typeof options.users?.find !== 'function') throw new TypeError('users must have a find(username) method');
  if (schemes === 0) throw new TypeError('no authentication scheme enabled: set digestAlgorithms or allowBasic');
}

let decoy: string | undefined;

/** A hash of a random password, made once, to verify against when the user does not exist. */
function decoyHash(): string {
  decoy ??= hashPassword(randomBytes(16).toString('hex'));
  return decoy;
}
