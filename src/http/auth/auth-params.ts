/**
 * The shared grammar of `Authorization` and `WWW-Authenticate` (RFC 9110 section 11): a scheme,
 * then either a token68 (Basic) or a comma-separated list of `name=value` auth-params (Digest).
 * Everything here returns a result instead of throwing, because the input is a stranger's header.
 */

/** Longer headers are refused unread; real Digest headers are a few hundred bytes. */
export const MAX_AUTHORIZATION_LENGTH = 8192;

/** More parameters than any Digest client sends; bounds the work per header. */
const MAX_PARAMS = 32;

const TOKEN_CHAR = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]$/;
const SPACE = /^[ \t]$/;

/** A header split after its scheme. */
export interface SplitAuthorization {
  /** The scheme, lower-cased (schemes are case-insensitive, RFC 9110 section 11.1). */
  scheme: string;
  /** What follows the scheme and its separating whitespace. */
  rest: string;
}

/** The auth-params of a header, names lower-cased, or why they could not be read. */
export type AuthParamsResult =
  | { ok: true; params: Map<string, string> }
  | { ok: false; error: string };

/**
 * Splits `Digest username="a", ...` into scheme and the rest; undefined when it has no scheme,
 * junk after the scheme name, or is longer than MAX_AUTHORIZATION_LENGTH.
 */
export function splitAuthorization(header: string): SplitAuthorization | undefined {
  if (typeof header !== 'string' || header.length > MAX_AUTHORIZATION_LENGTH) return undefined;
  const start = skipSpaces(header, 0);
  const scheme = readToken(header, start);
  if (scheme === '') return undefined;
  const end = start + scheme.length;
  if (end < header.length && !SPACE.test(header[end] ?? '')) return undefined;
  return { scheme: scheme.toLowerCase(), rest: header.slice(skipSpaces(header, end)).trimEnd() };
}

/**
 * Reads `a=1, b="x, \"y\"", c=z` into a map. Tolerates extra whitespace and empty list elements
 * (RFC 9110 section 5.6.1); refuses duplicates, unterminated quotes and junk between params.
 * @example parseAuthParams('realm="r", qop=auth') // { ok: true, params: Map { realm → r, qop → auth } }
 */
export function parseAuthParams(text: string): AuthParamsResult {
  const params = new Map<string, string>();
  let i = skipSeparators(text, 0);
  while (i < text.length) {
    const param = readParam(text, i);
    if (!param.ok) return param;
    if (params.has(param.name)) return { ok: false, error: `duplicate parameter ${param.name}` };
    if (params.size >= MAX_PARAMS) return { ok: false, error: 'too many parameters' };
    params.set(param.name, param.value);
    i = skipSpaces(text, param.end);
    if (i < text.length && text[i] !== ',') return { ok: false, error: `expected "," at ${i}` };
    i = skipSeparators(text, i);
  }
  return { ok: true, params };
}

/**
 * Renders a quoted-string for a challenge, escaping `"` and `\`. Throws on control characters:
 * they would let a value split or end the header (a programming error, never request data).
 */
export function quoteString(value: string): string {
  if (/[\u0000-\u0008\u000a-\u001f\u007f]/.test(value)) {
    throw new TypeError('header values may not contain control characters');
  }
  return `"${value.replace(/["\\]/g, '\\$&')}"`;
}

type ParamRead = { ok: true; name: string; value: string; end: number } | { ok: false; error: string };

function readParam(text: string, start: number): ParamRead {
  const name = readToken(text, start);
  if (name === '') return { ok: false, error: `expected a parameter name at ${start}` };
  let i = skipSpaces(text, start + name.length);
  if (text[i] !== '=') return { ok: false, error: `expected "=" after ${name.toLowerCase()}` };
  i = skipSpaces(text, i + 1);
  const value = text[i] === '"' ? readQuoted(text, i) : readBare(text, i);
  if (value === undefined) return { ok: false, error: `bad value for ${name.toLowerCase()}` };
  return { ok: true, name: name.toLowerCase(), value: value.value, end: value.end };
}

/** A quoted-string from the opening quote at `start`; undefined when it never closes. */
function readQuoted(text: string, start: number): { value: string; end: number } | undefined {
  let value = '';
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i];
    if (c === '"') return { value, end: i + 1 };
    // curl and some VMSs put a raw `\` into uri="...3:\" unescaped (port.cgi's "off"): a `\"` that
    // ends the parameter (a comma or the end follows) is a literal backslash and the closing quote.
    if (c === '\\' && text[i + 1] === '"' && /^\s*(,|$)/.test(text.slice(i + 2))) return { value: value + c, end: i + 2 };
    if (c === '\\') i++;
    if (i >= text.length) return undefined;
    value += text[i];
  }
  return undefined;
}

/**
 * An unquoted value. RFC 7616 wants tokens here, but clients send unquoted nonces and URIs with
 * `/` or `=`, so anything up to the next comma or whitespace is taken.
 */
function readBare(text: string, start: number): { value: string; end: number } | undefined {
  let i = start;
  while (i < text.length && text[i] !== ',' && !SPACE.test(text[i] ?? '') && text[i] !== '"') i++;
  return i === start ? undefined : { value: text.slice(start, i), end: i };
}

function readToken(text: string, start: number): string {
  let i = start;
  while (i < text.length && TOKEN_CHAR.test(text[i] ?? '')) i++;
  return text.slice(start, i);
}

function skipSpaces(text: string, start: number): number {
  let i = start;
  while (i < text.length && SPACE.test(text[i] ?? '')) i++;
  return i;
}

function skipSeparators(text: string, start: number): number {
  let i = start;
  while (i < text.length && (text[i] === ',' || SPACE.test(text[i] ?? ''))) i++;
  return i;
}
