// Strings every target draws from: the characters parsers trip on, traversal spellings, and
// percent-encodings of all of them.
import fc from 'fast-check';

/** Control and separator characters that split lines, headers, tokens and paths. */
export const NASTY_CHARS = ['\r', '\n', '\r\n', '\0', '\t', '\v', '\f', '\x1b', '\x7f', '\u0085', '\u2028', '\u2029', '\ufeff', '\ud800', '\\', '/', '"', "'", '`', ';', ':', ',', '&', '=', '?', '#', '%', '+', '*', '<', '>', ' ', '..', '%00', '%0d%0a', '\u00e9', '\u{1F600}'];

/** The ways a path climbs out of its folder, as clients and attackers spell them. */
export const TRAVERSALS = [
  '../', '..\\', '%2e%2e%2f', '%2e%2e/', '..%2f', '%2e%2e%5c', '..%5c', '%252e%252e%252f', '..%252f', '%c0%ae%c0%ae/', '%c0%ae%c0%ae%c0%af',
  '%e0%80%ae%e0%80%ae/', '..%c0%af', '..%c1%9c', '.%2e/', '%2e./', '....//', '..;/', '/..', '/%2e%2e', '%00', '%00.jpg', '..%00/', '/etc/passwd',
  '%2fetc%2fpasswd', 'C:\\Windows\\win.ini', '\\\\server\\share', 'file:///etc/passwd', '//etc/passwd', '.', '..', '~', '%7e',
];

/** Numbers at and around the limits auxio checks (counts, ms, ports, seqs). */
export const EDGE_NUMBERS = [
  -1, 0, 1, 2, 3, 4, 7, 9, 10, 63, 64, 65, 255, 256, 999, 1000, 1001, 9999, 10000, 65535, 65536, 60001, 3600001, 2 ** 31, 2 ** 32,
  2 ** 53, 2 ** 53 + 2, 1.5, 0.1, -0, 1e21, 1e308, -1e308, Number.MIN_VALUE,
];

/** A string made of nasty characters, words and plain letters. */
export function nastyString(maxLength = 40): fc.Arbitrary<string> {
  const unit = fc.oneof(
    { arbitrary: fc.constantFrom(...NASTY_CHARS), weight: 3 },
    { arbitrary: fc.constantFrom(...TRAVERSALS), weight: 1 },
    { arbitrary: fc.string({ minLength: 1, maxLength: 1 }), weight: 3 },
    { arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }), weight: 1 },
  );
  return fc.array(unit, { maxLength }).map((parts) => parts.join(''));
}

/** Any string: printable, unicode, or nasty. */
export function anyString(maxLength = 40): fc.Arbitrary<string> {
  return fc.oneof(
    fc.string({ maxLength }),
    fc.string({ unit: 'grapheme', maxLength }),
    fc.string({ unit: 'binary', maxLength }),
    nastyString(maxLength),
  );
}

/** Percent-encodes each character of `text` when `mask` says so (some clients encode, some don't). */
export function encodeSome(text: string, mask: readonly boolean[]): string {
  return [...text].map((c, i) => (mask[i % Math.max(1, mask.length)] ? encodeURIComponent(safeChar(c)) : c)).join('');
}

/** Percent-encodes every character, as `encodeURIComponent` would, lone surrogates included. */
export function percentEncode(text: string): string {
  return encodeSome(text, [true]);
}

/** A lone surrogate cannot be percent-encoded; encode it as the replacement character instead. */
function safeChar(c: string): string {
  return /[\ud800-\udfff]/.test(c) && c.length === 1 ? '\ufffd' : c;
}
