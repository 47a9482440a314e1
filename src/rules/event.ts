/**
 * The optional sixth header field: `BOOT`, or input terms joined with `&`
 * (`/In` rising, `\In` falling, `1In` high, `0In` low; inputs 1-based).
 */
import { scriptError } from './script-errors.ts';
import type { EdgeTerm, EntryEvent, LevelTerm, ParseOptions, ScriptError } from './script-types.ts';
import type { HeaderWord } from './time-fields.ts';

const TERM = /^([/\\01])I(\d+)$/;
const FORMS = 'expected BOOT, or /In, \\In, 1In, 0In joined with "&"';

interface Term {
  readonly text: string;
  readonly column: number;
  readonly input: number;
  readonly prefix: string;
}

/** Parse the event word; `undefined` (with errors pushed) when it is wrong. */
export function parseEvent(
  word: HeaderWord | undefined,
  line: number,
  options: ParseOptions,
  errors: ScriptError[],
): EntryEvent | undefined {
  if (word === undefined) return { kind: 'schedule' };
  if (word.text === 'BOOT') return { kind: 'boot' };
  const before = errors.length;
  const terms = splitTerms(word, line, options, errors);
  const event = combineTerms(terms, line, errors);
  return errors.length > before ? undefined : event;
}

function splitTerms(word: HeaderWord, line: number, options: ParseOptions, errors: ScriptError[]): Term[] {
  const terms: Term[] = [];
  let start = word.start;
  for (const text of word.text.split('&')) {
    const term = readTerm(text, { line, column: start + 1 }, options, errors);
    if (term !== undefined) terms.push(term);
    start += text.length + 1;
  }
  return terms;
}

function readTerm(
  text: string,
  at: { line: number; column: number },
  options: ParseOptions,
  errors: ScriptError[],
): Term | undefined {
  const match = TERM.exec(text);
  if (match === null) {
    // BOOT is an event of its own: "start-up while input 1 is high" has no meaning.
    const why = text === 'BOOT' ? 'BOOT cannot be combined with input terms' : FORMS;
    errors.push(scriptError('bad-event', at, { term: text, why }));
    return undefined;
  }
  const input = Number(match[2]);
  if (input < 1) {
    errors.push(scriptError('bad-event', at, { term: text, why: 'inputs are numbered from 1' }));
    return undefined;
  }
  const count = options.inputCount;
  if (count !== undefined && input > count) {
    errors.push(scriptError('input-out-of-range', at, { term: text, input, count }));
    return undefined;
  }
  return { text, column: at.column, input, prefix: match[1]! };
}

function combineTerms(terms: readonly Term[], line: number, errors: ScriptError[]): EntryEvent {
  let edge: EdgeTerm | undefined;
  const levels: LevelTerm[] = [];
  const seen = new Set<number>();
  for (const term of terms) {
    const at = { line, column: term.column };
    if (seen.has(term.input)) {
      errors.push(scriptError('bad-event', at, { term: term.text, why: `input ${term.input} is already named in this event` }));
    } else if (isEdge(term) && edge !== undefined) {
      // Two edges never happen at the same instant, so such an entry could never fire.
      errors.push(scriptError('bad-event', at, { term: term.text, why: 'only one edge term per entry (two edges never coincide)' }));
    } else if (isEdge(term)) {
      edge = { input: term.input, direction: term.prefix === '/' ? 'rising' : 'falling' };
    } else {
      levels.push({ input: term.input, level: term.prefix === '1' ? 1 : 0 });
    }
    seen.add(term.input);
  }
  return edge === undefined ? { kind: 'inputs', levels } : { kind: 'inputs', edge, levels };
}

const isEdge = (term: Term): boolean => term.prefix === '/' || term.prefix === '\\';
