// Valid CRON scripts (README "The CRON script"), generated with what they must parse to, and the
// mutations that turn them into near-valid ones.
import fc from 'fast-check';
import type { CommandName } from '../../src/rules/index.ts';

/** A generated script, and the shape the parser must find in it. */
export interface GeneratedScript {
  readonly text: string;
  /** Per entry: its header line and its commands' names, in order. */
  readonly entries: ReadonlyArray<{ readonly line: number; readonly commands: readonly CommandName[] }>;
}

interface FieldSpec {
  readonly min: number;
  readonly max: number;
  readonly maxStep: number;
}

const FIELDS: readonly FieldSpec[] = [
  { min: 0, max: 59, maxStep: 60 },
  { min: 0, max: 23, maxStep: 24 },
  { min: 1, max: 31, maxStep: 31 },
  { min: 1, max: 12, maxStep: 12 },
  { min: 0, max: 7, maxStep: 7 },
];

function timeItem(spec: FieldSpec): fc.Arbitrary<string> {
  const value = fc.integer({ min: spec.min, max: spec.max });
  const step = fc.integer({ min: 1, max: spec.maxStep });
  const range = fc.tuple(value, value).map(([a, b]) => (a <= b ? `${a}-${b}` : `${b}-${a}`));
  return fc.oneof(
    fc.constant('*'),
    value.map(String),
    range,
    step.map((s) => `*/${s}`),
    fc.tuple(range, step).map(([r, s]) => `${r}/${s}`),
  );
}

const timeField = (spec: FieldSpec) => fc.array(timeItem(spec), { minLength: 1, maxLength: 3 }).map((items) => items.join(','));
const timeFields = fc.tuple(...FIELDS.map(timeField));

/** BOOT, nothing, or input terms on distinct inputs with at most one edge. */
function eventWord(inputCount: number): fc.Arbitrary<string | null> {
  const terms = fc
    .uniqueArray(fc.integer({ min: 1, max: inputCount }), { minLength: 1, maxLength: inputCount })
    .chain((inputs) =>
      fc.tuple(fc.constant(inputs), fc.array(fc.constantFrom('/', '\\', '1', '0'), { minLength: inputs.length, maxLength: inputs.length })),
    )
    .map(([inputs, prefixes]) => {
      let edgeSeen = false;
      return inputs
        .map((input, i) => {
          let prefix = prefixes[i]!;
          if (prefix === '/' || prefix === '\\') {
            if (edgeSeen) prefix = '1';
            edgeSeen = true;
          }
          return `${prefix}I${input}`;
        })
        .join('&');
    });
  return fc.oneof(fc.constant(null), fc.constant('BOOT'), terms);
}

// A bare word: no space, `;` or `"`, and not read as an option (`-x`).
const word = fc.stringMatching(/^[A-Za-z0-9_.#@/:][A-Za-z0-9_.#@/:-]{0,11}$/);
const quoted = fc
  .string({ maxLength: 16 })
  .filter((s) => !/[\r\n\u2028\u2029\u0085]/.test(s))
  .map((s) => `"${s.replace(/[\\"]/g, '\\$&')}"`);
const text = fc.oneof(word, quoted);
// An unquoted log message runs to the `;`, so it may hold spaces but no `;`.
const logText = fc.oneof(quoted, fc.stringMatching(/^[A-Za-z0-9_.#@:-][A-Za-z0-9_.#@: -]{0,20}$/).map((s) => s.trimEnd()).filter((s) => s !== ''));
const positive = fc.integer({ min: 1, max: 3_600_000 }).map(String);
const frames = fc.integer({ min: 0, max: 100 }).map(String);

/** The list in a random order. */
const shuffled = (list: string[]) => fc.shuffledSubarray(list, { minLength: list.length, maxLength: list.length });

/** Optional options, each given at most once, in any order. */
function options(pairs: ReadonlyArray<[string, fc.Arbitrary<string>]>): fc.Arbitrary<string[]> {
  return fc
    .tuple(...pairs.map(([name, value]) => fc.option(value.map((v) => `-${name} ${v}`), { nil: undefined })))
    .chain((given) => shuffled(given.filter((g): g is string => g !== undefined)));
}

const COMMANDS: Readonly<Record<CommandName, fc.Arbitrary<string>>> = {
  snapshot: options([['relay', fc.constantFrom('on', 'off')], ['source', text], ['label', text]]).map((o) => ['snapshot', ...o].join(' ')),
  relay: fc
    .tuple(fc.oneof(fc.constantFrom('-on', '-off', '-toggle'), positive.map((ms) => `-pulse ${ms}`)), fc.option(fc.integer({ min: 1, max: 8 })))
    .chain(([action, output]) => shuffled(output === null ? [action] : [action, `-output ${output}`]))
    .map((o) => ['relay', ...o].join(' ')),
  sleep: fc.oneof(fc.integer({ min: 0, max: 99 }).map(String), fc.stringMatching(/^\d{1,2}\.\d{0,3}$/), fc.stringMatching(/^\.\d{1,3}$/)).map((s) => `sleep ${s}`),
  log: logText.map((t) => `log ${t}`),
  ftp: options([['target', text], ['label', text]]).map((o) => ['ftp', ...o].join(' ')),
  mail: options([['target', text], ['subject', text]]).map((o) => ['mail', ...o].join(' ')),
  alert: options([['target', text], ['message', text]]).map((o) => ['alert', ...o].join(' ')),
  buffer_init: fc
    .tuple(options([['source', text]]), frames, frames, positive)
    .chain(([source, pre, post, interval]) => shuffled([...source, `-pre ${pre}`, `-post ${post}`, `-interval ${interval}`]))
    .map((o) => ['buffer_init', ...o].join(' ')),
  buffer_start: fc.constant('buffer_start'),
  buffer_stop: fc.constant('buffer_stop'),
};

const space = fc.constantFrom(' ', '  ', '\t', ' \t');
const pad = fc.constantFrom('', ' ', '\t', '  ');

interface GeneratedEntry {
  header: string;
  commandLines: Array<{ text: string; names: CommandName[] }>;
  close: string;
}

function entry(inputCount: number, names: readonly CommandName[]): fc.Arbitrary<GeneratedEntry> {
  const command = fc.constantFrom(...names).chain((name) => COMMANDS[name].map((text) => ({ name, text })));
  const line = fc
    .tuple(pad, fc.array(command, { minLength: 1, maxLength: 3 }), pad, fc.constantFrom('', ' # note', '  #x;y'))
    .map(([lead, commands, tail, comment]) => ({ text: `${lead}${commands.map((c) => `${c.text};`).join(' ')}${tail}${comment}`, names: commands.map((c) => c.name) }));
  return fc
    .record({
      time: timeFields,
      event: eventWord(inputCount),
      gaps: fc.array(space, { minLength: 6, maxLength: 6 }),
      lines: fc.array(line, { maxLength: 4 }),
      close: fc.constantFrom('%', ' %', '% ', '%\t# end'),
    })
    .map(({ time, event, gaps, lines, close }) => {
      const words = event === null ? time : [...time, event];
      const header = `${words.map((w, i) => `${w}${gaps[i]}`).join('')}:`;
      return { header, commandLines: lines, close };
    });
}

/**
 * A valid script of up to `maxEntries` entries, with comments, blank lines and either line ending.
 * `commands` limits which commands appear (the HTTP fuzz leaves out those that keep running).
 */
export function validScript(options: { inputCount: number; maxEntries?: number; commands?: readonly CommandName[] }): fc.Arbitrary<GeneratedScript> {
  const names = options.commands ?? (Object.keys(COMMANDS) as CommandName[]);
  const filler = fc.array(fc.constantFrom('', '# a comment', '   ', '\t# x: y;', '#%'), { maxLength: 2 });
  return fc
    .tuple(
      fc.array(fc.tuple(filler, entry(options.inputCount, names)), { maxLength: options.maxEntries ?? 4 }),
      filler,
      fc.constantFrom('\n', '\r\n'),
    )
    .map(([parts, trailer, eol]) => {
      const lines: string[] = [];
      const entries: Array<{ line: number; commands: CommandName[] }> = [];
      for (const [before, e] of parts) {
        lines.push(...before);
        lines.push(e.header);
        entries.push({ line: lines.length, commands: e.commandLines.flatMap((l) => l.names) });
        lines.push(...e.commandLines.map((l) => l.text), e.close);
      }
      lines.push(...trailer);
      return { text: lines.join(eol) + eol, entries };
    });
}

/** Characters a mutation puts in: the script's own syntax, and what breaks it. */
const MUTATION_TEXT = fc.oneof(
  fc.constantFrom(';', ':', '%', '#', '"', '\\', '/', '&', '*', ',', '-', '\n', '\r', '\r\n', '\t', ' ', 'I', 'I0', 'I99', 'BOOT', '-relay', '-pulse', '99', '-1', '1e3', '0x1', 'snapshoot', 'relay', '\0', '\u00a0', '\ufeff'),
  fc.string({ maxLength: 4 }),
);

/** One edit at a relative position: insert text, delete a span, or duplicate a line. */
export type Mutation = { kind: 'insert'; at: number; text: string } | { kind: 'delete'; at: number; length: number } | { kind: 'duplicate'; at: number };

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), at: fc.double({ min: 0, max: 1, noNaN: true }), text: MUTATION_TEXT }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.double({ min: 0, max: 1, noNaN: true }), length: fc.integer({ min: 1, max: 6 }) }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
);

/** Applies mutations in order; positions are fractions of the text's current length. */
export function mutate(text: string, mutations: readonly Mutation[]): string {
  let out = text;
  for (const m of mutations) {
    const at = Math.floor(m.at * out.length);
    if (m.kind === 'insert') out = out.slice(0, at) + m.text + out.slice(at);
    else if (m.kind === 'delete') out = out.slice(0, at) + out.slice(at + m.length);
    else {
      const start = out.lastIndexOf('\n', at - 1) + 1;
      const end = out.indexOf('\n', at);
      const line = out.slice(start, end < 0 ? out.length : end + 1);
      out = out.slice(0, start) + line + out.slice(start);
    }
  }
  return out;
}
