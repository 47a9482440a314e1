import { createHash, timingSafeEqual } from 'node:crypto';
import { parseAuthParams, quoteString, splitAuthorization } from './auth-params.ts';
import type { DigestHash } from './passwords.ts';

/**
 * HTTP Digest, RFC 7616, qop=auth only. auth-int (hashing the body) and RFC 2069's qop-less
 * form are refused as unsupported; no client auxio serves needs them.
 */

/** The algorithms auxio speaks; `-sess` mixes the client nonce into HA1 (RFC 7616 section 3.4.2). */
export type DigestAlgorithm = 'MD5' | 'SHA-256' | 'MD5-sess' | 'SHA-256-sess';

/** Every DigestAlgorithm, in preference order for clients that read only the first challenge. */
export const DIGEST_ALGORITHMS: readonly DigestAlgorithm[] = Object.freeze(['MD5', 'SHA-256', 'MD5-sess', 'SHA-256-sess']);

/** Type guard for algorithm names from config. */
export function isDigestAlgorithm(x: unknown): x is DigestAlgorithm {
  return typeof x === 'string' && (DIGEST_ALGORITHMS as readonly string[]).includes(x);
}

/** The hash behind an algorithm, which picks the stored HA1. */
export function digestHashOf(algorithm: DigestAlgorithm): DigestHash {
  return algorithm.startsWith('SHA-256') ? 'SHA-256' : 'MD5';
}

/** What goes into one `WWW-Authenticate: Digest` challenge. */
export interface DigestChallenge {
  realm: string;
  algorithm: DigestAlgorithm;
  nonce: string;
  opaque: string;
  /** The nonce the client used was genuine but too old: retry without asking the user. */
  stale?: boolean;
}

/**
 * Renders a challenge header value. Throws on control characters in any value (a programming
 * error: realm comes from config, nonce and opaque from us).
 * @example
 * buildDigestChallenge({ realm: 'auxio', algorithm: 'MD5', nonce: 'n', opaque: 'o' })
 * // 'Digest realm="auxio", qop="auth", algorithm=MD5, nonce="n", opaque="o"'
 */
export function buildDigestChallenge(challenge: DigestChallenge): string {
  const parts = [
    `realm=${quoteString(challenge.realm)}`,
    'qop="auth"',
    `algorithm=${challenge.algorithm}`,
    `nonce=${quoteString(challenge.nonce)}`,
    `opaque=${quoteString(challenge.opaque)}`,
  ];
  if (challenge.stale === true) parts.push('stale=true');
  return `Digest ${parts.join(', ')}`;
}

/** The parameters of an `Authorization: Digest` header that auxio uses, checked for shape. */
export interface DigestCredentials {
  username: string;
  realm: string;
  nonce: string;
  /** The request-target the client hashed; must equal the one it requested. */
  uri: string;
  /** Lower-case hex. */
  response: string;
  algorithm: DigestAlgorithm;
  qop: 'auth';
  /** Exactly as sent: the response hashes this spelling. */
  nc: string;
  /** `nc` as a number, for replay checks. */
  ncValue: number;
  cnonce: string;
  opaque: string | undefined;
}

/** A parsed header, or why not: `malformed` (broken) or `unsupported` (valid but not spoken here). */
export type DigestParseResult =
  | { ok: true; credentials: DigestCredentials }
  | { ok: false; reason: 'malformed' | 'unsupported'; error: string };

/**
 * Reads an `Authorization: Digest ...` header value. Never throws.
 * @example parseDigestAuthorization('Digest username="Mufasa", realm="r", ...')
 */
export function parseDigestAuthorization(header: string): DigestParseResult {
  const split = splitAuthorization(header);
  if (split === undefined) return malformed('not an Authorization header');
  if (split.scheme !== 'digest') return unsupported(`scheme ${split.scheme}`);
  const parsed = parseAuthParams(split.rest);
  if (!parsed.ok) return malformed(parsed.error);
  return readCredentials(parsed.params);
}

/** Inputs to the response hash (RFC 7616 section 3.4.1). */
export interface DigestResponseInput {
  algorithm: DigestAlgorithm;
  /** Hex H(username:realm:password) for the algorithm's hash. */
  ha1: string;
  method: string;
  uri: string;
  nonce: string;
  nc: string;
  cnonce: string;
  qop: 'auth';
}

/**
 * The hex `response` a client holding `ha1` must send: H(HA1:nonce:nc:cnonce:qop:H(method:uri)).
 * Clients compute exactly this too, which is why tests use it to act as one.
 */
export function computeDigestResponse(input: DigestResponseInput): string {
  const hash = digestHashOf(input.algorithm);
  const sessionHa1 = input.algorithm.endsWith('-sess')
    ? hex(hash, `${input.ha1}:${input.nonce}:${input.cnonce}`)
    : input.ha1;
  const ha2 = hex(hash, `${input.method}:${input.uri}`);
  return hex(hash, [sessionHa1, input.nonce, input.nc, input.cnonce, input.qop, ha2].join(':'));
}

/** True when `credentials.response` is right for `method` and the stored `ha1`; constant time. */
export function verifyDigestResponse(credentials: DigestCredentials, method: string, ha1: string): boolean {
  const expected = Buffer.from(computeDigestResponse({ ...credentials, ha1, method }), 'utf8');
  const actual = Buffer.from(credentials.response, 'utf8');
  // The length depends only on the algorithm, so checking it first leaks nothing.
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

const NC_PATTERN = /^[0-9a-fA-F]{8}$/;
const HEX_LENGTH: Record<DigestHash, number> = { MD5: 32, 'SHA-256': 64 };

function readCredentials(params: Map<string, string>): DigestParseResult {
  const username = readUsername(params);
  if (typeof username !== 'string') return username;
  const [realm, nonce, uri, cnonce, nc] = ['realm', 'nonce', 'uri', 'cnonce', 'nc'].map((k) => params.get(k));
  if (realm === undefined || nonce === undefined || uri === undefined) {
    return malformed('realm, nonce and uri are required');
  }
  if (params.get('userhash')?.toLowerCase() === 'true') return unsupported('userhash');
  const algorithm = readAlgorithm(params.get('algorithm'));
  if (algorithm === undefined) return unsupported('algorithm');
  const qop = params.get('qop');
  if (qop === undefined || qop.toLowerCase() !== 'auth') return unsupported(`qop ${qop ?? 'missing'}`);
  if (nc === undefined || !NC_PATTERN.test(nc) || cnonce === undefined || cnonce === '') {
    return malformed('nc (8 hex digits) and cnonce are required with qop=auth');
  }
  const response = params.get('response')?.toLowerCase() ?? '';
  if (!new RegExp(`^[0-9a-f]{${HEX_LENGTH[digestHashOf(algorithm)]}}$`).test(response)) {
    return malformed('response is not a hex digest of the right length');
  }
  const ncValue = Number.parseInt(nc, 16);
  const credentials = { username, realm, nonce, uri, response, algorithm, nc, ncValue, cnonce };
  return { ok: true, credentials: { ...credentials, qop: 'auth', opaque: params.get('opaque') } };
}

/** `username`, or `username*` in RFC 8187 form for names that need it (RFC 7616 section 3.4.4). */
function readUsername(params: Map<string, string>): string | DigestParseResult {
  const plain = params.get('username');
  const extended = params.get('username*');
  if (plain !== undefined && extended !== undefined) return malformed('both username and username*');
  if (plain !== undefined) return plain;
  if (extended === undefined) return malformed('username is required');
  return decodeExtValue(extended) ?? malformed('username* is not UTF-8\'\'<percent-encoded>');
}

function decodeExtValue(value: string): string | undefined {
  const match = /^UTF-8'[^']*'(.*)$/i.exec(value);
  if (match === null) return undefined;
  try {
    return decodeURIComponent(match[1] ?? '');
  } catch {
    return undefined;
  }
}

/** The algorithm named in a header (case-insensitive); MD5 when absent, as RFC 7616 says. */
function readAlgorithm(name: string | undefined): DigestAlgorithm | undefined {
  if (name === undefined) return 'MD5';
  return DIGEST_ALGORITHMS.find((a) => a.toLowerCase() === name.toLowerCase());
}

function hex(hash: DigestHash, text: string): string {
  return createHash(hash === 'MD5' ? 'md5' : 'sha256').update(text, 'utf8').digest('hex');
}

function malformed(error: string): DigestParseResult {
  return { ok: false, reason: 'malformed', error };
}

function unsupported(error: string): DigestParseResult {
  return { ok: false, reason: 'unsupported', error };
}
