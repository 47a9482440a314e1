/**
 * The resident CRON script parser: a line-at-a-time state machine (outside an entry, or inside
 * one until its `%`). It never throws on bad input; it reports every problem it can find with
 * its line and column, resuming at the next command, line or entry.
 */
import { isCommandName, parseCommand } from './commands.ts';
import { parseHeader } from './header.ts';
import { tokenizeCommands, type Token } from './lexer.ts';
import { scriptError, type Position } from './script-errors.ts';
import type { Command, Entry, EntryEvent, ParseOptions, ParseResult, ScriptError, TimeFields } from './script-types.ts';

/**
 * Parse a CRON script.
 * @example
 * const result = parseScript('* * * * * /I1 :\nsnapshot -relay on;\n%\n', { inputCount: 2 });
 * if (!result.ok) for (const e of result.errors) console.error(e.message);
 */
export function parseScript(source: string, options: ParseOptions = {}): ParseResult {
  const parser = new ScriptParser(options);
  source.split(/\r?\n/).forEach((text, i) => parser.line(text, i + 1));
  return parser.finish();
}

interface OpenEntry {
  readonly line: number;
  readonly time: TimeFields | undefined;
  readonly event: EntryEvent | undefined;
  readonly commands: Command[];
}

// Time fields start with `*` or a digit, an event-only header with an edge prefix.
const HEADER_START = /^[*\d/\\]/;

class ScriptParser {
  readonly #options: ParseOptions;
  readonly #errors: ScriptError[] = [];
  readonly #entries: Entry[] = [];
  #open: OpenEntry | undefined;
  #lastContent: Position = { line: 1, column: 1 };

  constructor(options: ParseOptions) {
    this.#options = options;
  }

  line(text: string, line: number): void {
    const trimmed = text.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    this.#lastContent = { line, column: text.trimEnd().length + 1 };
    const first = text.length - text.trimStart().length;
    if (trimmed.startsWith('%')) this.#close(text, first, line);
    else if (isHeaderLine(trimmed)) this.#header(text, first, line);
    else if (this.#open !== undefined) this.#commands(text, 0, line);
    else this.#outside(trimmed, first, line);
  }

  finish(): ParseResult {
    const open = this.#open;
    if (open !== undefined) {
      this.#errors.push(scriptError('missing-percent', this.#lastContent, { entryLine: open.line, atEnd: true }));
      this.#keep(open);
    }
    if (this.#errors.length === 0) return { ok: true, script: { entries: this.#entries } };
    const errors = [...this.#errors].sort((a, b) => a.line - b.line || a.column - b.column);
    return { ok: false, errors };
  }

  #header(text: string, first: number, line: number): void {
    const open = this.#open;
    if (open !== undefined) {
      // A new header inside an entry: the `%` was forgotten; close the old entry and go on.
      this.#errors.push(scriptError('missing-percent', { line, column: first + 1 }, { entryLine: open.line, atEnd: false }));
      this.#keep(open);
    }
    const header = parseHeader(text, line, this.#options, this.#errors);
    this.#open = { line, time: header.time, event: header.event, commands: [] };
    if (header.bodyStart !== undefined) this.#commands(text, header.bodyStart, line);
  }

  #close(text: string, first: number, line: number): void {
    const junk = /\S+/.exec(text.slice(first + 1));
    if (junk !== null && !junk[0].startsWith('#')) {
      const at = { line, column: first + 2 + junk.index };
      this.#errors.push(scriptError('unexpected-argument', at, { text: junk[0], context: 'after "%"' }));
    }
    if (this.#open === undefined) {
      this.#errors.push(scriptError('outside-entry', { line, column: first + 1 }, { what: '"%"' }));
      return;
    }
    this.#keep(this.#open);
    this.#open = undefined;
  }

  #commands(text: string, from: number, line: number): void {
    const { tokens, unterminatedAt } = tokenizeCommands(text, from);
    let group: Token[] = [];
    for (const token of tokens) {
      if (token.kind !== 'semicolon') {
        group.push(token);
        continue;
      }
      this.#command(group, line);
      group = [];
    }
    if (unterminatedAt !== undefined) {
      this.#errors.push(scriptError('unterminated-string', { line, column: unterminatedAt + 1 }, {}));
    } else if (group.length > 0) {
      this.#missingSemicolon(group, line);
    }
  }

  #missingSemicolon(group: readonly Token[], line: number): void {
    const column = group.at(-1)!.end + 1;
    this.#errors.push(scriptError('missing-semicolon', { line, column }, { command: group[0]!.text }));
    this.#command(group, line);
  }

  #command(group: readonly Token[], line: number): void {
    // An empty command (`;;`) does nothing, as an empty statement.
    const command = parseCommand(group, line, this.#errors);
    if (command !== undefined) this.#open?.commands.push(command);
  }

  #outside(trimmed: string, first: number, line: number): void {
    const word = /^[^\s;]+/.exec(trimmed)?.[0] ?? trimmed;
    const what = isCommandName(word) ? `command "${word}"` : `"${word}"`;
    this.#errors.push(scriptError('outside-entry', { line, column: first + 1 }, { what }));
  }

  #keep(open: OpenEntry): void {
    if (open.time === undefined || open.event === undefined) return;
    const { line, time, event, commands } = open;
    this.#entries.push({ index: this.#entries.length + 1, line, time, event, commands });
  }
}

/**
 * Whether a line opens an entry. Besides the usual `*`/digit start, a line with a `:` and no
 * `;` whose first word is no command (`BOOT :`) is a header with its time fields missing.
 */
function isHeaderLine(trimmed: string): boolean {
  if (HEADER_START.test(trimmed)) return true;
  const word = /^[^\s;:]+/.exec(trimmed)?.[0] ?? '';
  return trimmed.includes(':') && !trimmed.includes(';') && !isCommandName(word);
}
