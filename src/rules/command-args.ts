/**
 * The options and argument of one command, read against its table entry in commands.ts.
 * Every problem is reported; a value that failed to read is remembered as given-but-bad so
 * the command's own checks (missing options) do not report it a second time.
 */
import type { Token } from './lexer.ts';
import { scriptError, type Position } from './script-errors.ts';
import type { ScriptError } from './script-types.ts';
import { nearestName } from './suggest.ts';

/** How an option value or argument is read: what it expects, and the reader. */
export interface ValueKind {
  readonly expected: string;
  /** Numbers report `bad-number`, other kinds `bad-value`. */
  readonly numeric: boolean;
  readonly read: (token: Token) => string | number | undefined;
}

/** An option's value kind, or `'flag'` for an option without a value (`relay -on`). */
export type OptionKind = ValueKind | 'flag';

/** What a command accepts: options by name without the dash, and an optional argument. */
export interface ArgumentSpec {
  readonly options: Readonly<Record<string, OptionKind>>;
  readonly argument?: ValueKind;
}

type Value = string | number | true | undefined;

/** The options and argument given to one command. */
export class CommandArgs {
  readonly #options = new Map<string, { value: Value; column: number }>();
  #argument: { value: Value } | undefined;
  /** True when some value failed to read; the command is then dropped. */
  failed = false;

  /** Whether the option was given (even with a bad value). */
  has(name: string): boolean {
    return this.#options.has(name);
  }

  /** The 1-based column of a given option. */
  column(name: string): number {
    return this.#options.get(name)?.column ?? 0;
  }

  /** A text option's value; undefined when absent or bad. */
  text(name: string): string | undefined {
    const value = this.#options.get(name)?.value;
    return typeof value === 'string' ? value : undefined;
  }

  /** A numeric option's value; undefined when absent or bad. */
  number(name: string): number | undefined {
    const value = this.#options.get(name)?.value;
    return typeof value === 'number' ? value : undefined;
  }

  /** Whether the positional argument was given (even with a bad value). */
  get hasArgument(): boolean {
    return this.#argument !== undefined;
  }

  /** The positional argument's value; undefined when absent or bad. */
  get argument(): string | number | undefined {
    const value = this.#argument?.value;
    return value === true ? undefined : value;
  }

  /** Record an option; `undefined` marks one given with a bad or missing value. */
  setOption(name: string, value: Value, column: number): void {
    this.#options.set(name, { value, column });
  }

  /** Record the positional argument; `undefined` marks a bad value. */
  setArgument(value: Value): void {
    this.#argument = { value };
  }
}

const isOption = (token: Token): boolean => token.kind === 'word' && /^-[A-Za-z]/.test(token.text);

/** Read the tokens after a command name. `at` is the command name's position. */
export function readCommandArgs(
  command: string,
  tokens: readonly Token[],
  spec: ArgumentSpec,
  at: Position,
  errors: ScriptError[],
): CommandArgs {
  const args = new CommandArgs();
  const reader = { command, spec, line: at.line, args, errors };
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (isOption(token)) i = readOption(reader, tokens, i);
    else readArgument(reader, token);
  }
  return args;
}

interface Reader {
  readonly command: string;
  readonly spec: ArgumentSpec;
  readonly line: number;
  readonly args: CommandArgs;
  readonly errors: ScriptError[];
}

/** Read the option at `i` (and its value); returns the index of the last token used. */
function readOption(reader: Reader, tokens: readonly Token[], i: number): number {
  const token = tokens[i]!;
  const name = token.text.slice(1);
  const at = { line: reader.line, column: token.start + 1 };
  const next = tokens[i + 1];
  const hasValue = next !== undefined && !isOption(next);
  if (!Object.hasOwn(reader.spec.options, name)) {
    const suggestion = nearestName(token.text, Object.keys(reader.spec.options).map((o) => `-${o}`));
    reader.errors.push(scriptError('unknown-option', at, { command: reader.command, option: token.text, suggestion }));
    reader.args.failed = true;
    // The word after an unknown option is most likely its value, not a new problem.
    return hasValue ? i + 1 : i;
  }
  if (reader.args.has(name)) {
    reader.errors.push(scriptError('duplicate-option', at, { option: token.text }));
    reader.args.failed = true;
  }
  const kind = reader.spec.options[name]!;
  if (kind === 'flag') {
    reader.args.setOption(name, true, at.column);
    return i;
  }
  if (!hasValue) {
    reader.errors.push(scriptError('missing-value', at, { of: token.text, expected: kind.expected }));
    reader.args.failed = true;
    reader.args.setOption(name, undefined, at.column);
    return i;
  }
  reader.args.setOption(name, readValue(reader, kind, next, token.text), at.column);
  return i + 1;
}

function readArgument(reader: Reader, token: Token): void {
  const kind = reader.spec.argument;
  if (kind === undefined || reader.args.hasArgument) {
    const at = { line: reader.line, column: token.start + 1 };
    reader.errors.push(scriptError('unexpected-argument', at, { text: token.text, context: `in the ${reader.command} command` }));
    reader.args.failed = true;
    return;
  }
  reader.args.setArgument(readValue(reader, kind, token, reader.command));
}

function readValue(reader: Reader, kind: ValueKind, token: Token, of: string): Value {
  const value = kind.read(token);
  if (value !== undefined) return value;
  const at = { line: reader.line, column: token.start + 1 };
  const args = { of, text: token.text, expected: kind.expected };
  reader.errors.push(scriptError(kind.numeric ? 'bad-number' : 'bad-value', at, args));
  reader.args.failed = true;
  return undefined;
}
