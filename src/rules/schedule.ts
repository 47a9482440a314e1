/**
 * When entries run, by croner: the time window of an entry and the next run of a schedule.
 * Server local time, to the minute.
 */
import { Cron } from 'croner';
import type { Entry, TimeFields } from './script-types.ts';

/** The five fields as one croner pattern, e.g. `0 8-18 * * 1-5`. */
export function cronPattern(time: TimeFields): string {
  return [time.minute, time.hour, time.dayOfMonth, time.month, time.dayOfWeek].join(' ');
}

/**
 * Vixie cron: when day-of-month and weekday are both restricted, a day matching either runs;
 * a field counts as unrestricted when it starts with `*` (so `*\/2` too), and then both must
 * match. croner ORs unless told otherwise and only treats a bare `*` as unrestricted, so we
 * choose its AND mode ourselves. See crontab(5), "Note: The day of a command's execution…".
 */
export function combinesDaysWithAnd(time: TimeFields): boolean {
  return time.dayOfMonth.startsWith('*') || time.dayOfWeek.startsWith('*');
}

// Entries are immutable, so one croner instance per time-fields object is enough.
const crons = new WeakMap<TimeFields, Cron>();

function cronFor(time: TimeFields): Cron {
  let cron = crons.get(time);
  if (cron === undefined) {
    // No callback and paused: croner starts no timer; we only ask it about dates.
    cron = new Cron(cronPattern(time), { mode: '5-part', paused: true, domAndDow: combinesDaysWithAnd(time) });
    crons.set(time, cron);
  }
  return cron;
}

/** croner's complaint about the fields, or undefined when it accepts them. */
export function cronProblem(time: TimeFields): string | undefined {
  try {
    cronFor(time);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/**
 * Whether `at` falls inside the entry's time window, to the minute (seconds are ignored).
 * For an edge entry this says whether an edge at `at` fires it.
 */
export function inTimeWindow(entry: Pick<Entry, 'time'>, at: Date): boolean {
  const minute = new Date(at.getTime());
  minute.setSeconds(0, 0);
  return cronFor(entry.time).match(minute);
}

/** Whether the entry runs on its own at times (no edge, not BOOT); level terms gate each run. */
export function isScheduled(entry: Pick<Entry, 'event'>): boolean {
  const { event } = entry;
  return event.kind === 'schedule' || (event.kind === 'inputs' && event.edge === undefined);
}

/**
 * The next run of a scheduled entry strictly after `after`; null for BOOT and edge entries,
 * and for fields that never match (`0 0 30 2 *`).
 * @example nextRun(entry, new Date()) // `*\/15 * * * *` at 12:07:30 → 12:15:00
 */
export function nextRun(entry: Pick<Entry, 'time' | 'event'>, after: Date): Date | null {
  if (!isScheduled(entry)) return null;
  return cronFor(entry.time).nextRun(after);
}
