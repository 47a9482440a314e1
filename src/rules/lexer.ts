/**
 * Splits the command part of one script line into tokens. Commands never span lines, so the
 * lexer works a line at a time; the parser finds `;` and `%` from its tokens.
 */

/**
 * A bare word, a double-quoted string (unescaped), the unquoted text of a `log` command
 * (never read as an option), or the `;` that ends a command.
 */
export interface Token {
  readonly kind: 'word' | 'string' | 'text' | 'semicolon';
  readonly text: string;
  /** 0-based index of the first character in the line. */
  readonly start: number;
  /** 0-based index just past the last character. */
  readonly end: number;
}

/** The tokens of a line; `unterminatedAt` is the 0-based index of an unclosed `"`. */
export interface LineTokens {
  readonly tokens: readonly Token[];
  readonly unterminatedAt?: number;
}

const isSpace = (c: string | undefined): boolean => c === ' ' || c === '\t';
const endsWord = (c: string | undefined): boolean =>
  c === undefined || isSpace(c) || c === ';' || c === '"';

/**
 * Tokenize `line` from index `from`. A `#` where a command would start (line start or after
 * `;`) begins a comment; elsewhere it is ordinary text, so `-label #1` keeps its `#`.
 */
export function tokenizeCommands(line: string, from = 0): LineTokens {
  const tokens: Token[] = [];
  let i = from;
  let atCommandStart = true;
  while (i < line.length) {
    const c = line[i];
    if (isSpace(c)) {
      i++;
    } else if (atCommandStart && c === '#') {
      break;
    } else if (c === ';') {
      tokens.push({ kind: 'semicolon', text: ';', start: i, end: i + 1 });
      atCommandStart = true;
      i++;
    } else {
      const token = c === '"' ? readString(line, i) : readWord(line, i);
      if (token === undefined) return { tokens, unterminatedAt: i };
      tokens.push(token);
      i = token.end;
      if (atCommandStart && token.kind === 'word' && token.text === 'log') {
        const text = readLogText(line, i);
        if (text !== undefined) tokens.push(text);
        i = text?.end ?? i;
      }
      atCommandStart = false;
    }
  }
  return { tokens };
}

function readWord(line: string, start: number): Token {
  let end = start;
  while (!endsWord(line[end])) end++;
  return { kind: 'word', text: line.slice(start, end), start, end };
}

/** A `"…"` string with `\"` and `\\` escapes; any other backslash stays as written. */
function readString(line: string, start: number): Token | undefined {
  let text = '';
  for (let i = start + 1; i < line.length; i++) {
    const c = line[i]!;
    if (c === '"') return { kind: 'string', text, start, end: i + 1 };
    const next = line[i + 1];
    if (c === '\\' && (next === '"' || next === '\\')) {
      text += next;
      i++;
    } else {
      text += c;
    }
  }
  return undefined;
}

/**
 * An unquoted `log` message is everything up to `;` (or the line end), as the seed wrote
 * `log door opened;`. A quoted one is left to the ordinary string reader.
 */
function readLogText(line: string, from: number): Token | undefined {
  let start = from;
  while (isSpace(line[start])) start++;
  if (start >= line.length || line[start] === '"' || line[start] === ';') return undefined;
  let end = line.indexOf(';', start);
  if (end < 0) end = line.length;
  while (end > start && isSpace(line[end - 1])) end--;
  return { kind: 'text', text: line.slice(start, end), start, end };
}
