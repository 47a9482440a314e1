import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Cron } from 'croner';
import { cronPattern, inTimeWindow, isScheduled, nextRun, parseScript } from './index.ts';
import type { Entry } from './index.ts';

/** The entry of a one-header script, e.g. `0 8-18 * * 1-5` or `* * * * * /I1`. */
function entry(header: string): Entry {
  const result = parseScript(`${header} :\n%\n`);
  if (!result.ok) assert.fail(result.errors.map((e) => e.message).join('\n'));
  return result.script.entries[0]!;
}

/** Server local time; January 2024 has no DST change (2024-01-01 is a Monday). */
const local = (day: number, hour = 0, minute = 0, second = 0, month = 1): Date =>
  new Date(2024, month - 1, day, hour, minute, second);

const MON = 8;
const FRI = 5;
const SAT = 6;
const SUN = 7;

describe('inTimeWindow', () => {
  const cases: Array<[string, Date, boolean]> = [
    ['* * * * *', local(3, 4, 5, 6), true],
    ['0 8-18 * * 1-5', local(MON, 8, 0, 59), true],
    ['0 8-18 * * 1-5', local(MON, 8, 1), false],
    ['0 8-18 * * 1-5', local(MON, 18, 0), true],
    ['0 8-18 * * 1-5', local(MON, 19, 0), false],
    ['0 8-18 * * 1-5', local(SAT, 10, 0), false],
    ['*/15 * * * *', local(2, 12, 45, 30), true],
    ['*/15 * * * *', local(2, 12, 46), false],
    ['0-30/10 * * * *', local(2, 1, 30), true],
    ['0-30/10 * * * *', local(2, 1, 40), false],
    ['* 22-23,0-5 * * *', local(2, 23, 30), true],
    ['* 22-23,0-5 * * *', local(2, 6, 0), false],
    ['* * * 2 *', local(10, 0, 0, 0, 2), true],
    ['* * * 2 *', local(10, 0, 0, 0, 3), false],
    ['3,5 * 1,15 * *', local(15, 9, 5), true],
    ['3,5 * 1,15 * *', local(15, 9, 4), false],
    ['* * * * 0', local(SUN, 12), true],
    ['* * * * 7', local(SUN, 12), true],
    ['* * * * 7', local(MON, 12), false],
    ['* * * * 5-7', local(FRI), true],
    ['* * * * 5-7', local(SAT), true],
    ['* * * * 5-7', local(SUN), true],
    ['* * * * 5-7', local(MON), false],
    ['* * * * * /I1', local(9, 3, 17), true],
  ];
  for (const [header, at, expected] of cases) {
    it(`${header} at ${at.toString().slice(0, 24)} → ${expected}`, () => {
      assert.equal(inTimeWindow(entry(header), at), expected);
    });
  }
});

describe('day-of-month and weekday: Vixie cron semantics', () => {
  it('runs on either day when both are restricted (0 0 1 * 1)', () => {
    const e = entry('0 0 1 * 1');
    assert.equal(inTimeWindow(e, local(MON)), true, 'a Monday that is not the 1st');
    assert.equal(inTimeWindow(e, local(1, 0, 0, 0, 2)), true, 'Thursday 1 February');
    assert.equal(inTimeWindow(e, local(9)), false, 'a Tuesday, not the 1st');
  });

  it('needs both when one starts with * (0 0 */2 * 1: odd-day Mondays only)', () => {
    const e = entry('0 0 */2 * 1');
    assert.equal(inTimeWindow(e, local(15)), true, 'Monday the 15th');
    assert.equal(inTimeWindow(e, local(MON)), false, 'Monday the 8th');
    assert.equal(inTimeWindow(e, local(3)), false, 'Wednesday the 3rd');
    // croner alone would OR these fields: that is why schedule.ts picks the mode.
    assert.equal(new Cron('0 0 */2 * 1', { paused: true }).match(local(3)), true);
  });

  it('uses only the restricted field when the other is *', () => {
    assert.equal(inTimeWindow(entry('0 0 1 * *'), local(MON)), false);
    assert.equal(inTimeWindow(entry('0 0 1 * *'), local(1)), true);
    assert.equal(inTimeWindow(entry('0 0 * * 1'), local(MON)), true);
    assert.equal(inTimeWindow(entry('0 0 * * 1'), local(9)), false);
  });

  it('finds Friday the 5th before Friday the 13th for 0 0 13 * 5', () => {
    assert.deepEqual(nextRun(entry('0 0 13 * 5'), local(1)), local(FRI));
    assert.deepEqual(nextRun(entry('0 0 13 * 5'), local(12, 12)), local(13));
  });
});

describe('nextRun', () => {
  const cases: Array<[string, Date, Date]> = [
    ['0 8-18 * * 1-5', local(FRI, 18, 0), local(MON, 8, 0)],
    ['0 8-18 * * 1-5', local(SAT, 12, 0), local(MON, 8, 0)],
    ['0 8-18 * * 1-5', local(MON, 8, 0), local(MON, 9, 0)],
    ['0 8-18 * * 1-5', local(MON, 8, 30, 15), local(MON, 9, 0)],
    ['0 8-18 * * 1-5', local(MON, 18, 30), local(9, 8, 0)],
    ['*/15 * * * *', local(2, 12, 7, 30), local(2, 12, 15)],
    ['*/15 * * * *', local(2, 12, 0), local(2, 12, 15)],
    ['*/15 * * * *', local(2, 12, 45), local(2, 13, 0)],
    ['*/15 * * * *', new Date(2023, 11, 31, 23, 50), local(1, 0, 0)],
    ['0 9 * * 0', local(MON), local(14, 9, 0)],
    ['0 9 * * 7', local(MON), local(14, 9, 0)],
    ['0 9 * * 7', local(SUN, 9, 0), local(14, 9, 0)],
    ['30 6 1 * *', local(2), local(1, 6, 30, 0, 2)],
    ['* * * * * 1I1', local(2, 10, 0, 20), local(2, 10, 1)],
  ];
  for (const [header, after, expected] of cases) {
    it(`${header} after ${after.toString().slice(0, 24)}`, () => {
      assert.deepEqual(nextRun(entry(header), after), expected);
    });
  }

  it('is null for fields that never match', () => {
    assert.equal(nextRun(entry('0 0 30 2 *'), local(1)), null);
  });

  it('is null for BOOT and edge entries, which do not run on a schedule', () => {
    assert.equal(nextRun(entry('* * * * * BOOT'), local(1)), null);
    assert.equal(nextRun(entry('0 8 * * * /I1'), local(1)), null);
    assert.equal(nextRun(entry('0 8 * * * \\I2&1I1'), local(1)), null);
  });
});

describe('isScheduled and cronPattern', () => {
  it('tells schedules (with or without level terms) from BOOT and edge entries', () => {
    assert.deepEqual(
      ['* * * * *', '* * * * * 1I1&0I2', '* * * * * BOOT', '* * * * * /I1', '* * * * * \\I1&1I2'].map((h) => isScheduled(entry(h))),
      [true, true, false, false, false],
    );
  });

  it('joins the fields in cron order', () => {
    assert.equal(cronPattern(entry('0 8-18 */2 1,6 1-5').time), '0 8-18 */2 1,6 1-5');
  });
});
