import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseScript } from './index.ts';
import type { ScriptErrorCode } from './index.ts';
import { SCRIPT_ERROR_CODES } from './index.ts';

/** The messages for a script, which must be invalid. */
function messages(source: string, inputCount?: number): string[] {
  const result = parseScript(source, inputCount === undefined ? {} : { inputCount });
  assert.equal(result.ok, false, 'the script should be rejected');
  return result.ok ? [] : result.errors.map((e) => e.message);
}

/** Wrap one command line in an always-entry, so the command sits on line 2. */
const inEntry = (line: string): string => `* * * * * :\n${line}\n%\n`;
/** A header line alone, closed on line 2. */
const header = (line: string): string => `${line}\n%\n`;

const OUTSIDE = 'outside an entry (an entry starts with "minute hour day month weekday [event] :")';
const FIELD_FORMS = 'expected *, n, a-b, */s or a-b/s, separated by commas';
const EVENT_FORMS = 'expected BOOT, or /In, \\In, 1In, 0In joined with "&"';
const TEXT = 'a word or a "quoted string"';

// [what, code, script, inputCount, exact message]
const BAD_SCRIPTS: Array<[string, ScriptErrorCode, string, number | undefined, string]> = [
  ['misspelt command', 'unknown-command', inEntry('  snapshoot;'), undefined, 'line 2, column 3: unknown command "snapshoot" (did you mean "snapshot"?)'],
  ['swapped letters', 'unknown-command', inEntry('sleep 1; rleay -on;'), undefined, 'line 2, column 10: unknown command "rleay" (did you mean "relay"?)'],
  ['wrong case', 'unknown-command', inEntry('SNAPSHOT;'), undefined, 'line 2, column 1: unknown command "SNAPSHOT" (did you mean "snapshot"?)'],
  ['unrelated command', 'unknown-command', inEntry('frobnicate;'), undefined, 'line 2, column 1: unknown command "frobnicate"'],
  ['quoted command', 'unknown-command', inEntry('"snapshot";'), undefined, 'line 2, column 1: unknown command "snapshot"'],
  ['misspelt option', 'unknown-option', inEntry('snapshot -lable x;'), undefined, 'line 2, column 10: unknown option "-lable" for snapshot (did you mean "-label"?)'],
  ['unrelated option', 'unknown-option', inEntry('relay -on -zzz;'), undefined, 'line 2, column 11: unknown option "-zzz" for relay'],
  ['option of another command', 'unknown-option', inEntry('mail -message hi;'), undefined, 'line 2, column 6: unknown option "-message" for mail'],
  ['relay without action', 'missing-option', inEntry('relay -output 2;'), undefined, 'line 2, column 1: relay needs one of -on, -off, -toggle, -pulse MS'],
  ['buffer_init without -interval', 'missing-option', inEntry('buffer_init -pre 3 -post 2;'), undefined, 'line 2, column 1: buffer_init needs -interval MS'],
  ['option without value', 'missing-value', inEntry('snapshot -label;'), undefined, `line 2, column 10: missing value for -label: expected ${TEXT}`],
  ['value replaced by option', 'missing-value', inEntry('relay -pulse -output 2;'), undefined, 'line 2, column 7: missing value for -pulse: expected a positive integer of milliseconds'],
  ['sleep without seconds', 'missing-value', inEntry('sleep;'), undefined, 'line 2, column 1: missing value for sleep: expected a non-negative number of seconds'],
  ['log without text', 'missing-value', inEntry('log ;'), undefined, `line 2, column 1: missing value for log: expected ${TEXT}`],
  ['option twice', 'duplicate-option', inEntry('snapshot -label a -label b;'), undefined, 'line 2, column 19: option -label given twice'],
  ['two relay actions', 'conflicting-options', inEntry('relay -on -pulse 200;'), undefined, 'line 2, column 11: relay takes only one of -on, -off, -toggle, -pulse'],
  ['positional after snapshot', 'unexpected-argument', inEntry('snapshot now;'), undefined, 'line 2, column 10: unexpected "now" in the snapshot command'],
  ['second sleep argument', 'unexpected-argument', inEntry('sleep 1 2;'), undefined, 'line 2, column 9: unexpected "2" in the sleep command'],
  ['argument to buffer_stop', 'unexpected-argument', inEntry('buffer_stop "x";'), undefined, 'line 2, column 13: unexpected "x" in the buffer_stop command'],
  ['text after %', 'unexpected-argument', '* * * * * :\n%  end\n', undefined, 'line 2, column 4: unexpected "end" after "%"'],
  ['relay maybe', 'bad-value', inEntry('snapshot -relay maybe;'), undefined, 'line 2, column 17: bad value "maybe" for -relay: expected on or off'],
  ['quoted on', 'bad-value', inEntry('snapshot -relay "on";'), undefined, 'line 2, column 17: bad value "on" for -relay: expected on or off'],
  ['zero pulse', 'bad-number', inEntry('relay -pulse 0;'), undefined, 'line 2, column 14: bad number "0" for -pulse: expected a positive integer of milliseconds'],
  ['fractional pulse', 'bad-number', inEntry('relay -pulse 2.5;'), undefined, 'line 2, column 14: bad number "2.5" for -pulse: expected a positive integer of milliseconds'],
  ['output zero', 'bad-number', inEntry('relay -on -output 0;'), undefined, 'line 2, column 19: bad number "0" for -output: expected an output number from 1'],
  ['sleep ten', 'bad-number', inEntry('sleep ten;'), undefined, 'line 2, column 7: bad number "ten" for sleep: expected a non-negative number of seconds'],
  ['negative sleep', 'bad-number', inEntry('sleep -1;'), undefined, 'line 2, column 7: bad number "-1" for sleep: expected a non-negative number of seconds'],
  ['bad frame count', 'bad-number', inEntry('buffer_init -pre x -post 1 -interval 100;'), undefined, 'line 2, column 18: bad number "x" for -pre: expected a non-negative integer'],
  ['zero interval', 'bad-number', inEntry('buffer_init -pre 1 -post 1 -interval 0;'), undefined, 'line 2, column 38: bad number "0" for -interval: expected a positive integer of milliseconds'],
  ['no semicolon', 'missing-semicolon', inEntry('snapshot -relay on'), undefined, 'line 2, column 19: missing ";" after command "snapshot"'],
  ['no semicolon after second', 'missing-semicolon', inEntry('snapshot; relay -off  '), undefined, 'line 2, column 21: missing ";" after command "relay"'],
  ['no % at end of file', 'missing-percent', '* * * * * :\nsnapshot;\n\n', undefined, 'line 2, column 10: missing "%" at end of file (to close the entry started on line 1)'],
  ['no % before next entry', 'missing-percent', '0 8 * * * :\nsnapshot;\n  0 9 * * * :\nsnapshot;\n%\n', undefined, 'line 3, column 3: missing "%" before this entry (to close the entry started on line 1)'],
  ['no colon', 'missing-colon', '0 8 * * *\nsnapshot;\n%\n', undefined, 'line 1, column 10: missing ":" at the end of the entry header'],
  ['no colon before comment', 'missing-colon', '0 8 * * * /I1 # door\n%\n', undefined, 'line 1, column 14: missing ":" at the end of the entry header'],
  ['four fields', 'field-count', header('0 8 * * :'), undefined, 'line 1, column 9: expected 5 time fields and an optional event, found 4 fields'],
  ['seven fields', 'field-count', header('0 8 * * * /I1 now :'), undefined, 'line 1, column 15: expected 5 time fields and an optional event, found 7 fields'],
  ['event too early', 'field-count', header('* * * * /I1 :'), undefined, 'line 1, column 9: expected 5 time fields before the event, found 4'],
  ['BOOT alone', 'field-count', header('BOOT :'), undefined, 'line 1, column 1: expected 5 time fields before the event, found 0'],
  ['minute 60', 'time-out-of-range', header('60 * * * * :'), undefined, 'line 1, column 1: minute 60 out of range 0-59'],
  ['hour 24', 'time-out-of-range', header('0 24 * * * :'), undefined, 'line 1, column 3: hour 24 out of range 0-23'],
  ['day 0', 'time-out-of-range', header('0 0 0 * * :'), undefined, 'line 1, column 5: day-of-month 0 out of range 1-31'],
  ['day 32', 'time-out-of-range', header('0 0 32 * * :'), undefined, 'line 1, column 5: day-of-month 32 out of range 1-31'],
  ['month 13', 'time-out-of-range', header('0 0 1 13 * :'), undefined, 'line 1, column 7: month 13 out of range 1-12'],
  ['month 0', 'time-out-of-range', header('0 0 1 0 * :'), undefined, 'line 1, column 7: month 0 out of range 1-12'],
  ['weekday 8', 'time-out-of-range', header('0 0 * * 8 :'), undefined, 'line 1, column 9: weekday 8 out of range 0-7'],
  ['value in a list', 'time-out-of-range', header('0,15,60 * * * * :'), undefined, 'line 1, column 6: minute 60 out of range 0-59'],
  ['range end', 'time-out-of-range', header('0 8-24 * * * :'), undefined, 'line 1, column 5: hour 24 out of range 0-23'],
  ['step too big', 'time-out-of-range', header('*/61 * * * * :'), undefined, 'line 1, column 3: minute step 61 out of range 1-60'],
  ['step zero', 'time-out-of-range', header('0 0-23/0 * * * :'), undefined, 'line 1, column 8: hour step 0 out of range 1-24'],
  ['open range', 'bad-time-field', header('* 1- * * * :'), undefined, `line 1, column 3: bad hour field "1-": ${FIELD_FORMS}`],
  ['backwards range', 'bad-time-field', header('* 18-8 * * * :'), undefined, 'line 1, column 3: bad hour field "18-8": range 18-8 runs backwards'],
  ['step on a number', 'bad-time-field', header('5/2 * * * * :'), undefined, `line 1, column 1: bad minute field "5/2": a step needs * or a range before "/" (${FIELD_FORMS})`],
  ['empty list item', 'bad-time-field', header('1,,2 * * * * :'), undefined, `line 1, column 3: bad minute field "1,,2": ${FIELD_FORMS}`],
  ['month name', 'bad-time-field', header('0 0 1 JAN * :'), undefined, `line 1, column 7: bad month field "JAN": ${FIELD_FORMS}`],
  ['unknown term', 'bad-event', header('* * * * * /X1 :'), undefined, `line 1, column 11: bad event term "/X1": ${EVENT_FORMS}`],
  ['lowercase boot', 'bad-event', header('* * * * * boot :'), undefined, `line 1, column 11: bad event term "boot": ${EVENT_FORMS}`],
  ['dangling &', 'bad-event', header('* * * * * /I1& :'), undefined, `line 1, column 15: bad event term "": ${EVENT_FORMS}`],
  ['BOOT with inputs', 'bad-event', header('* * * * * BOOT&1I1 :'), undefined, 'line 1, column 11: bad event term "BOOT": BOOT cannot be combined with input terms'],
  ['two edges', 'bad-event', header('* * * * * /I1&\\I2 :'), undefined, 'line 1, column 15: bad event term "\\I2": only one edge term per entry (two edges never coincide)'],
  ['input 0', 'bad-event', header('* * * * * /I0 :'), undefined, 'line 1, column 11: bad event term "/I0": inputs are numbered from 1'],
  ['input twice', 'bad-event', header('* * * * * 1I1&0I1 :'), undefined, 'line 1, column 15: bad event term "0I1": input 1 is already named in this event'],
  ['input above count', 'input-out-of-range', header('* * * * * 1I1&/I3 :'), 2, 'line 1, column 15: input 3 in "/I3" out of range 1-2'],
  ['open string', 'unterminated-string', inEntry('snapshot -label "open;'), undefined, 'line 2, column 17: unterminated string'],
  ['open log string', 'unterminated-string', inEntry('log "x \\";'), undefined, 'line 2, column 5: unterminated string'],
  ['command before any entry', 'outside-entry', 'snapshot;\n', undefined, `line 1, column 1: command "snapshot" ${OUTSIDE}`],
  ['command after an entry', 'outside-entry', '* * * * * :\n%\n  relay -on;\n', undefined, `line 3, column 3: command "relay" ${OUTSIDE}`],
  ['stray word', 'outside-entry', 'hello world\n', undefined, `line 1, column 1: "hello" ${OUTSIDE}`],
  ['stray %', 'outside-entry', '%\n', undefined, `line 1, column 1: "%" ${OUTSIDE}`],
];

describe('parseScript: bad scripts', () => {
  for (const [what, code, source, inputCount, message] of BAD_SCRIPTS) {
    it(`${code}: ${what}`, () => {
      assert.deepEqual(messages(source, inputCount), [message]);
      const result = parseScript(source, inputCount === undefined ? {} : { inputCount });
      assert.equal(result.ok ? undefined : result.errors[0]?.code, code);
    });
  }

  it('reaches every error code', () => {
    const reached = new Set(BAD_SCRIPTS.map(([, code]) => code));
    assert.deepEqual(SCRIPT_ERROR_CODES.filter((code) => !reached.has(code)), []);
  });

  it('gives line and column as numbers matching the message', () => {
    const result = parseScript(inEntry('snapshot -relay maybe;'));
    assert.ok(!result.ok);
    assert.deepEqual(result.errors.map(({ line, column, code }) => ({ line, column, code })), [
      { line: 2, column: 17, code: 'bad-value' },
    ]);
  });
});

describe('parseScript: finding every problem', () => {
  it('reports each bad command on a line and goes on to the next entry', () => {
    const source = [
      '0 60 * 13 * /I3 :',
      'snapshot -lable x; relay; sleep 1',
      'log fine;',
      '%',
      '0 8 * * * :',
      'snapshoot;',
      '%',
      '%',
    ].join('\n');
    assert.deepEqual(messages(source, 2), [
      'line 1, column 3: hour 60 out of range 0-23',
      'line 1, column 8: month 13 out of range 1-12',
      'line 1, column 13: input 3 in "/I3" out of range 1-2',
      'line 2, column 10: unknown option "-lable" for snapshot (did you mean "-label"?)',
      'line 2, column 20: relay needs one of -on, -off, -toggle, -pulse MS',
      'line 2, column 34: missing ";" after command "sleep"',
      'line 6, column 1: unknown command "snapshoot" (did you mean "snapshot"?)',
      `line 8, column 1: "%" ${OUTSIDE}`,
    ]);
  });

  it('reports both a missing colon and a wrong field count on one header', () => {
    assert.deepEqual(messages(header('0 8 * *')), [
      'line 1, column 8: missing ":" at the end of the entry header',
      'line 1, column 8: expected 5 time fields and an optional event, found 4 fields',
    ]);
  });

  it('reports every missing buffer_init option', () => {
    assert.deepEqual(messages(inEntry('buffer_init -source gate;')), [
      'line 2, column 1: buffer_init needs -pre N',
      'line 2, column 1: buffer_init needs -post N',
      'line 2, column 1: buffer_init needs -interval MS',
    ]);
  });

  it('never throws, and every message starts with its own line and column', () => {
    const alphabet = ['*', '0', '7', '60', ' ', ':', ';', '%', '#', '"', '\\', '/I1', '&', '-', 'snapshot', 'relay', '-on', 'log', '\n', 'BOOT', ',', '/'];
    let seed = 42;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (let round = 0; round < 500; round++) {
      const parts = Array.from({ length: random(40) }, () => alphabet[random(alphabet.length)]!);
      const result = parseScript(parts.join(''), { inputCount: 2 });
      if (result.ok) continue;
      for (const e of result.errors) {
        assert.ok(e.line >= 1 && e.column >= 1, e.message);
        assert.ok(e.message.startsWith(`line ${e.line}, column ${e.column}: `), e.message);
      }
    }
  });
});
