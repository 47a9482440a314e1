import { randomBytes } from 'node:crypto';
import { computeDigestResponse, digestHashOf, DIGEST_ALGORITHMS, ha1 } from '../../http/auth/index.ts';
import type { DigestAlgorithm } from '../../http/auth/index.ts';
import { parseChallenges, type AuthChallenge } from './www-authenticate.ts';

/** A Digest challenge auxio can answer (qop=auth, RFC 7616). */
interface DigestState {
  realm: string;
  nonce: string;
  opaque: string | undefined;
  algorithm: DigestAlgorithm;
  ha1: string;
  nc: number;
}

type LoginState = { scheme: 'basic'; header: string } | ({ scheme: 'digest' } & DigestState);

/** What to do after a 401: try again with the login just learned, or give up and say why. */
export type LoginDecision = { retry: true } | { retry: false; reason: string };

/**
 * The client side of a camera's login: answers its Digest (MD5, SHA-256 and their -sess forms,
 * qop=auth) or Basic challenge, preferring Digest, so the password never crosses the wire when
 * the camera can avoid it. A Digest nonce is reused with a rising `nc`, as VMS clients do, so
 * after the first request each picture costs one round trip, not two.
 * @example
 * const login = new UpstreamLogin('root', 'pass');
 * // send login.header('GET', '/axis-cgi/jpg/image.cgi'); on 401: if (login.accept(wwwAuthenticate).retry) resend
 */
export class UpstreamLogin {
  readonly #username: string | undefined;
  readonly #password: string | undefined;
  #state: LoginState | undefined;
  /** Whether the last header sent used its nonce for the first time (then a 401 is a refusal). */
  #firstUse = true;

  constructor(username: string | undefined, password: string | undefined) {
    if (username !== undefined && /[\u0000-\u001f\u007f"\\:]/.test(username)) {
      throw new TypeError('username may not contain control characters, quotes, backslashes or ":"');
    }
    this.#username = username;
    this.#password = password;
  }

  /** The `Authorization` value for the next request, or undefined before the camera asked for one. */
  header(method: string, uri: string): string | undefined {
    const state = this.#state;
    if (state === undefined || state.scheme === 'basic') return state?.header;
    state.nc++;
    this.#firstUse = state.nc === 1;
    return this.#digestHeader(state, method, uri);
  }

  /**
   * Learns from a 401's `WWW-Authenticate`. `sentLogin`: the refused request carried a login.
   * Retries a refused Digest login only when the nonce went stale, or when it was a reused
   * nonce the camera may have forgotten; anything else is a wrong username or password.
   */
  accept(wwwAuthenticate: string, sentLogin: boolean): LoginDecision {
    const challenges = parseChallenges(wwwAuthenticate);
    if (this.#username === undefined || this.#password === undefined) {
      return { retry: false, reason: 'it asks for a login; set username and password' };
    }
    const next = this.#pick(challenges, this.#username, this.#password);
    if (next === undefined) {
      const offered = challenges.map((c) => c.scheme).join(', ') || 'none';
      return { retry: false, reason: `it offers no login auxio speaks (offered: ${offered})` };
    }
    const stale = challenges.some((c) => c.scheme === 'digest' && c.params.get('stale')?.toLowerCase() === 'true');
    const worthRetry = !sentLogin || (this.#state?.scheme === 'digest' && (stale || !this.#firstUse));
    this.#state = next;
    return worthRetry ? { retry: true } : { retry: false, reason: `user "${this.#username}" was refused` };
  }

  /** The first Digest challenge auxio can answer, in the camera's order of preference, else Basic. */
  #pick(challenges: AuthChallenge[], username: string, password: string): LoginState | undefined {
    for (const challenge of challenges) {
      const digest = readDigestChallenge(challenge, username, password);
      if (digest !== undefined) return { scheme: 'digest', ...digest };
    }
    if (!challenges.some((c) => c.scheme === 'basic')) return undefined;
    return { scheme: 'basic', header: `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}` };
  }

  #digestHeader(state: DigestState, method: string, uri: string): string {
    const nc = state.nc.toString(16).padStart(8, '0');
    const cnonce = randomBytes(12).toString('hex');
    const { algorithm, nonce } = state;
    const response = computeDigestResponse({ algorithm, ha1: state.ha1, method, uri, nonce, nc, cnonce, qop: 'auth' });
    const parts = [
      `username=${quote(this.#username ?? '')}`,
      `realm=${quote(state.realm)}`,
      `nonce=${quote(nonce)}`,
      `uri=${quote(uri)}`,
      `algorithm=${algorithm}`,
      'qop=auth',
      `nc=${nc}`,
      `cnonce=${quote(cnonce)}`,
      `response=${quote(response)}`,
    ];
    if (state.opaque !== undefined) parts.push(`opaque=${quote(state.opaque)}`);
    return `Digest ${parts.join(', ')}`;
  }
}

/** A Digest challenge with qop=auth and a known algorithm (absent means MD5, RFC 7616 3.3). */
function readDigestChallenge(challenge: AuthChallenge, username: string, password: string): DigestState | undefined {
  if (challenge.scheme !== 'digest') return undefined;
  const { params } = challenge;
  const realm = params.get('realm');
  const nonce = params.get('nonce');
  const name = (params.get('algorithm') ?? 'MD5').toLowerCase();
  const algorithm = DIGEST_ALGORITHMS.find((a) => a.toLowerCase() === name);
  // RFC 2069's qop-less form and auth-int (hashing the body) are not spoken.
  const qops = (params.get('qop') ?? '').split(',').map((q) => q.trim().toLowerCase());
  if (realm === undefined || nonce === undefined || algorithm === undefined || !qops.includes('auth')) return undefined;
  const hash = ha1(digestHashOf(algorithm), username, realm, password);
  return { realm, nonce, opaque: params.get('opaque'), algorithm, ha1: hash, nc: 0 };
}

/** A quoted-string; the camera's own values are echoed, so escape rather than trust them. */
function quote(value: string): string {
  return `"${value.replace(/[\u0000-\u001f\u007f]/g, '').replace(/["\\]/g, '\\$&')}"`;
}
