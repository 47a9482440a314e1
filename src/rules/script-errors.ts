/**
 * Every script error: its stable code and message template, in one place (STYLE.md, Errors).
 */
import type { ScriptError, ScriptErrorCode } from './script-types.ts';

/** A 1-based place in the script. */
export interface Position {
  readonly line: number;
  readonly column: number;
}

/** The values each message template needs. */
export interface ScriptErrorArgs {
  'unknown-command': { name: string; suggestion?: string | undefined };
  'unknown-option': { command: string; option: string; suggestion?: string | undefined };
  'missing-option': { command: string; needs: string };
  'missing-value': { of: string; expected: string };
  'duplicate-option': { option: string };
  'conflicting-options': { command: string; options: string };
  'unexpected-argument': { text: string; context: string };
  'bad-value': { of: string; text: string; expected: string };
  'bad-number': { of: string; text: string; expected: string };
  'missing-semicolon': { command: string };
  'missing-percent': { entryLine: number; atEnd: boolean };
  'missing-colon': Record<string, never>;
  'field-count': { found: number; beforeEvent: boolean };
  'bad-time-field': { field: string; text: string; why: string };
  'time-out-of-range': { field: string; value: number; min: number; max: number };
  'bad-event': { term: string; why: string };
  'input-out-of-range': { term: string; input: number; count: number };
  'unterminated-string': Record<string, never>;
  'outside-entry': { what: string };
}

const didYouMean = (suggestion: string | undefined): string =>
  suggestion === undefined ? '' : ` (did you mean "${suggestion}"?)`;

const TEMPLATES: { [C in ScriptErrorCode]: (args: ScriptErrorArgs[C]) => string } = {
  'unknown-command': (a) => `unknown command "${a.name}"${didYouMean(a.suggestion)}`,
  'unknown-option': (a) => `unknown option "${a.option}" for ${a.command}${didYouMean(a.suggestion)}`,
  'missing-option': (a) => `${a.command} needs ${a.needs}`,
  'missing-value': (a) => `missing value for ${a.of}: expected ${a.expected}`,
  'duplicate-option': (a) => `option ${a.option} given twice`,
  'conflicting-options': (a) => `${a.command} takes only one of ${a.options}`,
  'unexpected-argument': (a) => `unexpected "${a.text}" ${a.context}`,
  'bad-value': (a) => `bad value "${a.text}" for ${a.of}: expected ${a.expected}`,
  'bad-number': (a) => `bad number "${a.text}" for ${a.of}: expected ${a.expected}`,
  'missing-semicolon': (a) => `missing ";" after command "${a.command}"`,
  'missing-percent': (a) =>
    `missing "%" ${a.atEnd ? 'at end of file' : 'before this entry'} (to close the entry started on line ${a.entryLine})`,
  'missing-colon': () => 'missing ":" at the end of the entry header',
  'field-count': (a) =>
    a.beforeEvent
      ? `expected 5 time fields before the event, found ${a.found}`
      : `expected 5 time fields and an optional event, found ${a.found} fields`,
  'bad-time-field': (a) => `bad ${a.field} field "${a.text}": ${a.why}`,
  'time-out-of-range': (a) => `${a.field} ${a.value} out of range ${a.min}-${a.max}`,
  'bad-event': (a) => `bad event term "${a.term}": ${a.why}`,
  'input-out-of-range': (a) => `input ${a.input} in "${a.term}" out of range 1-${a.count}`,
  'unterminated-string': () => 'unterminated string',
  'outside-entry': (a) => `${a.what} outside an entry (an entry starts with "minute hour day month weekday [event] :")`,
};

/** Every error code, for tests that check each one is reachable. */
export const SCRIPT_ERROR_CODES = Object.keys(TEMPLATES) as ScriptErrorCode[];

/** Build a script error whose message reads `line N, column M: <template>`. */
export function scriptError<C extends ScriptErrorCode>(
  code: C,
  at: Position,
  args: ScriptErrorArgs[C],
): ScriptError {
  const text = TEMPLATES[code](args);
  return { code, line: at.line, column: at.column, message: `line ${at.line}, column ${at.column}: ${text}` };
}
