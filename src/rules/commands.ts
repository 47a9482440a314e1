/**
 * The script's commands: one table row per command with its options and a builder that
 * makes the typed AST node (STYLE.md: dispatch with tables).
 */
import { readCommandArgs, type ArgumentSpec, type CommandArgs, type ValueKind } from './command-args.ts';
import type { Token } from './lexer.ts';
import { scriptError, type Position } from './script-errors.ts';
import type { Command, CommandName, RelayAction, ScriptError } from './script-types.ts';
import { nearestName } from './suggest.ts';

const TEXT: ValueKind = { expected: 'a word or a "quoted string"', numeric: false, read: (t) => t.text };
const ON_OFF: ValueKind = {
  expected: 'on or off',
  numeric: false,
  read: (t) => (t.kind === 'word' && (t.text === 'on' || t.text === 'off') ? t.text : undefined),
};
const integer = (min: number, expected: string): ValueKind => ({
  expected,
  numeric: true,
  read: (t) => {
    const value = Number(t.text);
    return t.kind === 'word' && /^\d+$/.test(t.text) && Number.isSafeInteger(value) && value >= min ? value : undefined;
  },
});
const MILLISECONDS = integer(1, 'a positive integer of milliseconds');
const OUTPUT = integer(1, 'an output number from 1');
const FRAMES = integer(0, 'a non-negative integer');
const SECONDS: ValueKind = {
  expected: 'a non-negative number of seconds',
  numeric: true,
  read: (t) => (t.kind === 'word' && /^(\d+(\.\d*)?|\.\d+)$/.test(t.text) ? Number(t.text) : undefined),
};

interface BuildContext {
  readonly at: Position;
  readonly errors: ScriptError[];
}

interface CommandRow extends ArgumentSpec {
  readonly build: (args: CommandArgs, context: BuildContext) => Command | undefined;
}

/** Drop keys whose value is undefined, so an absent option is absent from the node. */
function compact<T extends Command>(node: T): T {
  for (const key of Object.keys(node) as Array<keyof T>) if (node[key] === undefined) delete node[key];
  return node;
}

const RELAY_ACTIONS = ['on', 'off', 'toggle', 'pulse'] as const;

function buildRelay(args: CommandArgs, { at, errors }: BuildContext): Command | undefined {
  const given = RELAY_ACTIONS.filter((action) => args.has(action));
  const [kind, second] = given;
  if (kind === undefined) {
    errors.push(scriptError('missing-option', at, { command: 'relay', needs: 'one of -on, -off, -toggle, -pulse MS' }));
    return undefined;
  }
  if (second !== undefined) {
    const where = { line: at.line, column: args.column(second) };
    errors.push(scriptError('conflicting-options', where, { command: 'relay', options: '-on, -off, -toggle, -pulse' }));
    return undefined;
  }
  // A bad -pulse value was reported already and marks the command failed, so NaN never leaves.
  const action: RelayAction = kind === 'pulse' ? { kind, ms: args.number('pulse') ?? Number.NaN } : { kind };
  return { name: 'relay', ...at, action, output: args.number('output') ?? 1 };
}

function buildArgument(command: 'sleep' | 'log', kind: ValueKind) {
  return (args: CommandArgs, { at, errors }: BuildContext): Command | undefined => {
    const value = args.argument;
    if (!args.hasArgument) errors.push(scriptError('missing-value', at, { of: command, expected: kind.expected }));
    if (command === 'sleep') return typeof value === 'number' ? { name: command, ...at, seconds: value } : undefined;
    return typeof value === 'string' ? { name: command, ...at, text: value } : undefined;
  };
}

const BUFFER_REQUIRED = [
  ['pre', '-pre N'],
  ['post', '-post N'],
  ['interval', '-interval MS'],
] as const;

function buildBufferInit(args: CommandArgs, { at, errors }: BuildContext): Command | undefined {
  const missing = BUFFER_REQUIRED.filter(([name]) => !args.has(name));
  for (const [, needs] of missing) errors.push(scriptError('missing-option', at, { command: 'buffer_init', needs }));
  const [pre, post, intervalMs] = BUFFER_REQUIRED.map(([name]) => args.number(name));
  if (pre === undefined || post === undefined || intervalMs === undefined) return undefined;
  return compact({ name: 'buffer_init', ...at, source: args.text('source'), pre, post, intervalMs });
}

const COMMANDS: { readonly [N in CommandName]: CommandRow } = {
  snapshot: {
    options: { relay: ON_OFF, source: TEXT, label: TEXT },
    build: (a, { at }) => {
      const relay = a.text('relay') === 'on' ? 'on' : a.text('relay') === 'off' ? 'off' : undefined;
      return compact({ name: 'snapshot', ...at, relay, source: a.text('source'), label: a.text('label') });
    },
  },
  relay: { options: { on: 'flag', off: 'flag', toggle: 'flag', pulse: MILLISECONDS, output: OUTPUT }, build: buildRelay },
  sleep: { options: {}, argument: SECONDS, build: buildArgument('sleep', SECONDS) },
  log: { options: {}, argument: TEXT, build: buildArgument('log', TEXT) },
  ftp: {
    options: { target: TEXT, label: TEXT },
    build: (a, { at }) => compact({ name: 'ftp', ...at, target: a.text('target'), label: a.text('label') }),
  },
  mail: {
    options: { target: TEXT, subject: TEXT },
    build: (a, { at }) => compact({ name: 'mail', ...at, target: a.text('target'), subject: a.text('subject') }),
  },
  alert: {
    options: { target: TEXT, message: TEXT },
    build: (a, { at }) => compact({ name: 'alert', ...at, target: a.text('target'), message: a.text('message') }),
  },
  buffer_init: {
    options: { source: TEXT, pre: FRAMES, post: FRAMES, interval: MILLISECONDS },
    build: buildBufferInit,
  },
  buffer_start: { options: {}, build: (_a, { at }) => ({ name: 'buffer_start', ...at }) },
  buffer_stop: { options: {}, build: (_a, { at }) => ({ name: 'buffer_stop', ...at }) },
};

/** Every command name, for suggestions and for telling commands from stray words. */
export const COMMAND_NAMES: readonly CommandName[] = Object.keys(COMMANDS) as CommandName[];

/** Whether a word names a command. */
export function isCommandName(word: string): word is CommandName {
  return Object.hasOwn(COMMANDS, word);
}

/** Parse one command: `tokens[0]` is its name, the rest its options and argument (no `;`). */
export function parseCommand(tokens: readonly Token[], line: number, errors: ScriptError[]): Command | undefined {
  const [nameToken, ...rest] = tokens;
  if (nameToken === undefined) return undefined;
  const at = { line, column: nameToken.start + 1 };
  const name = nameToken.text;
  if (nameToken.kind !== 'word' || !isCommandName(name)) {
    errors.push(scriptError('unknown-command', at, { name, suggestion: nearestName(name, COMMAND_NAMES) }));
    return undefined;
  }
  const row = COMMANDS[name];
  const args = readCommandArgs(name, rest, row, at, errors);
  const command = row.build(args, { at, errors });
  return args.failed ? undefined : command;
}
