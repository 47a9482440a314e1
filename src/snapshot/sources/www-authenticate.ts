/**
 * Reads the challenges in a `WWW-Authenticate` value (RFC 9110 section 11.6.1). fetch joins
 * several `WWW-Authenticate` headers into one value with ", ", so one string may hold
 * `Digest realm="a", nonce="n", Digest ..., Basic realm="a"`: a token followed by `=` is a
 * parameter of the challenge before it, any other token starts a new challenge. Never throws:
 * the input is a camera's header.
 */

/** One challenge: its scheme lower-cased, its parameters by lower-cased name. */
export interface AuthChallenge {
  scheme: string;
  params: Map<string, string>;
}

/** Longer values are not read: a real challenge list is a few hundred bytes. */
const MAX_HEADER_LENGTH = 16 * 1024;
const TOKEN = /[!#$%&'*+\-.^_`|~0-9A-Za-z]/;

/**
 * Splits a challenge list into challenges, in the order given (the server's preference).
 * @example parseChallenges('Digest realm="cam", qop="auth", Basic realm="cam"').map((c) => c.scheme) // ['digest', 'basic']
 */
export function parseChallenges(header: string): AuthChallenge[] {
  const challenges: AuthChallenge[] = [];
  if (header.length > MAX_HEADER_LENGTH) return challenges;
  let current: AuthChallenge | undefined;
  let i = 0;
  while (i < header.length) {
    const token = readToken(header, i);
    if (token === '') {
      i++; // separators, spaces and stray characters
      continue;
    }
    i = skipSpaces(header, i + token.length);
    // `name=value`, unless `=` starts token68 padding (`Negotiate abc==`).
    if (header[i] === '=' && header[i + 1] !== '=' && current !== undefined) {
      const value = readValue(header, skipSpaces(header, i + 1));
      current.params.set(token.toLowerCase(), value.text);
      i = value.end;
    } else if (header[i] === '=') {
      while (header[i] === '=') i++;
    } else {
      current = { scheme: token.toLowerCase(), params: new Map() };
      challenges.push(current);
    }
  }
  return challenges;
}

function readValue(text: string, start: number): { text: string; end: number } {
  if (text[start] !== '"') {
    let end = start;
    while (end < text.length && text[end] !== ',' && text[end] !== ' ' && text[end] !== '\t') end++;
    return { text: text.slice(start, end), end };
  }
  let value = '';
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === '"') return { text: value, end: i + 1 };
    if (text[i] === '\\') i++;
    value += text[i] ?? '';
  }
  return { text: value, end: text.length }; // unterminated: take what there is
}

function readToken(text: string, start: number): string {
  let end = start;
  while (end < text.length && TOKEN.test(text[end]!)) end++;
  return text.slice(start, end);
}

function skipSpaces(text: string, start: number): number {
  let i = start;
  while (text[i] === ' ' || text[i] === '\t') i++;
  return i;
}
