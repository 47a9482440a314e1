/**
 * Checks the five time fields of an entry header with line/column errors. Matching is
 * croner's job (schedule.ts); this only accepts the forms the format allows.
 */
import { scriptError } from './script-errors.ts';
import type { ScriptError, TimeFields } from './script-types.ts';

/** One whitespace-separated word of a header line; `start` is its 0-based index. */
export interface HeaderWord {
  readonly text: string;
  readonly start: number;
}

interface FieldSpec {
  readonly key: keyof TimeFields;
  readonly label: string;
  readonly min: number;
  readonly max: number;
  /** croner refuses larger steps ("steps cannot be greater than maximum value of part"). */
  readonly maxStep: number;
}

const FIELD_SPECS: readonly FieldSpec[] = [
  { key: 'minute', label: 'minute', min: 0, max: 59, maxStep: 60 },
  { key: 'hour', label: 'hour', min: 0, max: 23, maxStep: 24 },
  { key: 'dayOfMonth', label: 'day-of-month', min: 1, max: 31, maxStep: 31 },
  { key: 'month', label: 'month', min: 1, max: 12, maxStep: 12 },
  // 0 and 7 are both Sunday, as in Vixie cron and croner.
  { key: 'dayOfWeek', label: 'weekday', min: 0, max: 7, maxStep: 7 },
];

// `*`, `n` or `a-b`, optionally stepped with `/s`; lists are split off before this.
const ITEM = /^(?:\*|(\d+)(?:-(\d+))?)(?:\/(\d+))?$/;
const FORMS = 'expected *, n, a-b, */s or a-b/s, separated by commas';

/** Validate five header words as time fields; pushes every problem found onto `errors`. */
export function parseTimeFields(
  words: readonly HeaderWord[],
  line: number,
  errors: ScriptError[],
): TimeFields | undefined {
  const before = errors.length;
  const values: Partial<Record<keyof TimeFields, string>> = {};
  FIELD_SPECS.forEach((spec, i) => {
    const word = words[i]!;
    values[spec.key] = word.text;
    checkField(word, spec, line, errors);
  });
  if (errors.length > before) return undefined;
  const { minute = '', hour = '', dayOfMonth = '', month = '', dayOfWeek = '' } = values;
  return { minute, hour, dayOfMonth, month, dayOfWeek };
}

function checkField(word: HeaderWord, spec: FieldSpec, line: number, errors: ScriptError[]): void {
  let offset = word.start;
  for (const item of word.text.split(',')) {
    const error = checkItem(item, offset, spec, line, word.text);
    if (error !== undefined) errors.push(error);
    offset += item.length + 1;
  }
}

function checkItem(
  item: string,
  start: number,
  spec: FieldSpec,
  line: number,
  fieldText: string,
): ScriptError | undefined {
  const at = { line, column: start + 1 };
  const match = ITEM.exec(item);
  if (match === null) return scriptError('bad-time-field', at, { field: spec.label, text: fieldText, why: FORMS });
  const [, from, to, step] = match;
  if (step !== undefined && from !== undefined && to === undefined) {
    const why = `a step needs * or a range before "/" (${FORMS})`;
    return scriptError('bad-time-field', at, { field: spec.label, text: fieldText, why });
  }
  return (
    checkValue(from, start, spec, line) ??
    checkValue(to, start + (from?.length ?? 0) + 1, spec, line) ??
    checkRangeOrder(from, to, at, spec, fieldText) ??
    checkStep(step, start + item.indexOf('/') + 1, spec, line)
  );
}

function checkValue(text: string | undefined, start: number, spec: FieldSpec, line: number) {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (value >= spec.min && value <= spec.max) return undefined;
  return scriptError('time-out-of-range', { line, column: start + 1 }, { field: spec.label, value, min: spec.min, max: spec.max });
}

function checkRangeOrder(
  from: string | undefined,
  to: string | undefined,
  at: { line: number; column: number },
  spec: FieldSpec,
  fieldText: string,
) {
  if (from === undefined || to === undefined || Number(from) <= Number(to)) return undefined;
  return scriptError('bad-time-field', at, { field: spec.label, text: fieldText, why: `range ${from}-${to} runs backwards` });
}

function checkStep(text: string | undefined, start: number, spec: FieldSpec, line: number) {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (value >= 1 && value <= spec.maxStep) return undefined;
  return scriptError('time-out-of-range', { line, column: start + 1 }, { field: `${spec.label} step`, value, min: 1, max: spec.maxStep });
}
