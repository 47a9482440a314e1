/**
 * An entry header: `minute hour day month weekday [event] :`. Commands may follow the `:` on
 * the same line; `bodyStart` says where.
 */
import { parseEvent } from './event.ts';
import { scriptError } from './script-errors.ts';
import type { EntryEvent, ParseOptions, ScriptError, TimeFields } from './script-types.ts';
import { cronPattern, cronProblem } from './schedule.ts';
import { parseTimeFields, type HeaderWord } from './time-fields.ts';

/** A parsed header; `time` or `event` is missing when it had errors. */
export interface Header {
  readonly time?: TimeFields | undefined;
  readonly event?: EntryEvent | undefined;
  /** Index just past the `:`, where same-line commands start; undefined without a `:`. */
  readonly bodyStart?: number | undefined;
}

/** Parse a header line, pushing every problem onto `errors`. */
export function parseHeader(text: string, line: number, options: ParseOptions, errors: ScriptError[]): Header {
  const colon = text.indexOf(':');
  const words = splitWords(colon >= 0 ? text.slice(0, colon) : withoutComment(text));
  const last = words.at(-1);
  const wordsEnd = last === undefined ? 0 : last.start + last.text.length;
  if (colon < 0) errors.push(scriptError('missing-colon', { line, column: wordsEnd + 1 }, {}));
  const bodyStart = colon >= 0 ? colon + 1 : undefined;
  const countError = checkFieldCount(words, line, colon >= 0 ? colon : wordsEnd);
  if (countError !== undefined) {
    errors.push(countError);
    return { bodyStart };
  }
  const time = checkedByCroner(parseTimeFields(words.slice(0, 5), line, errors), words, line, errors);
  const event = parseEvent(words[5], line, options, errors);
  return { time, event, bodyStart };
}

// An event word starts like BOOT or an input term; a time field never does (`1I1` vs `1`).
const looksLikeEvent = (word: HeaderWord): boolean => /^(BOOT|[/\\01]I)/.test(word.text);

function checkFieldCount(words: readonly HeaderWord[], line: number, end: number): ScriptError | undefined {
  const early = words.findIndex((word, i) => i < 5 && looksLikeEvent(word));
  if (early >= 0) {
    return scriptError('field-count', { line, column: words[early]!.start + 1 }, { found: early, beforeEvent: true });
  }
  if (words.length < 5) return scriptError('field-count', { line, column: end + 1 }, { found: words.length, beforeEvent: false });
  const extra = words[6];
  if (extra === undefined) return undefined;
  return scriptError('field-count', { line, column: extra.start + 1 }, { found: words.length, beforeEvent: false });
}

function splitWords(text: string): HeaderWord[] {
  return [...text.matchAll(/\S+/g)].map((m) => ({ text: m[0], start: m.index }));
}

function withoutComment(text: string): string {
  const hash = text.indexOf('#');
  return hash < 0 ? text : text.slice(0, hash);
}

/** croner must accept what we accepted; if it ever does not, say so rather than fail at run time. */
function checkedByCroner(
  time: TimeFields | undefined,
  words: readonly HeaderWord[],
  line: number,
  errors: ScriptError[],
): TimeFields | undefined {
  const problem = time === undefined ? undefined : cronProblem(time);
  if (time === undefined || problem === undefined) return time;
  const at = { line, column: words[0]!.start + 1 };
  errors.push(scriptError('bad-time-field', at, { field: 'time', text: cronPattern(time), why: problem }));
  return undefined;
}
