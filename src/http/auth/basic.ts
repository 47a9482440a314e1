import { quoteString, splitAuthorization } from './auth-params.ts';

/** The user-id and password from a Basic header. */
export interface BasicCredentials {
  username: string;
  password: string;
}

/** Parsed credentials, or why not: `malformed` (broken) or `unsupported` (another scheme). */
export type BasicParseResult =
  | { ok: true; credentials: BasicCredentials }
  | { ok: false; reason: 'malformed' | 'unsupported'; error: string };

// Padding is optional: some clients strip it.
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}(?:==)?|[A-Za-z0-9+/]{3}=?)?$/;
const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads `Authorization: Basic <base64(user:pass)>` (RFC 7617). The user-id ends at the first ':',
 * so the password may contain ':'. Never throws.
 * @example parseBasicAuthorization('Basic cm9vdDpwYXNz') // { ok: true, credentials: { username: 'root', password: 'pass' } }
 */
export function parseBasicAuthorization(header: string): BasicParseResult {
  const split = splitAuthorization(header);
  if (split === undefined) return malformed('not an Authorization header');
  if (split.scheme !== 'basic') return { ok: false, reason: 'unsupported', error: `scheme ${split.scheme}` };
  if (split.rest === '' || !BASE64.test(split.rest)) return malformed('credentials are not base64');
  const text = decodeText(Buffer.from(split.rest, 'base64'));
  const colon = text.indexOf(':');
  if (colon < 0) return malformed('no ":" between user-id and password');
  const username = text.slice(0, colon);
  // RFC 7617 section 2: neither part may hold control characters.
  if (/[\u0000-\u001f\u007f]/.test(text)) return malformed('control characters in credentials');
  return { ok: true, credentials: { username, password: text.slice(colon + 1) } };
}

/**
 * The `WWW-Authenticate` value offering Basic.
 * @example buildBasicChallenge('auxio') // 'Basic realm="auxio"'
 */
export function buildBasicChallenge(realm: string): string {
  return `Basic realm=${quoteString(realm)}`;
}

/**
 * RFC 7617 recommends UTF-8, but older camera tools send Latin-1; a byte string that is not
 * valid UTF-8 is read as Latin-1 so such passwords still match.
 */
function decodeText(bytes: Buffer): string {
  try {
    return STRICT_UTF8.decode(bytes);
  } catch {
    return bytes.toString('latin1');
  }
}

function malformed(error: string): BasicParseResult {
  return { ok: false, reason: 'malformed', error };
}
