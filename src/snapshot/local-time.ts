// Server local time, because the person reading a picture's stamp reads it against their wall clock.

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

/** `YYYY-MM-DD` of `ms` in server local time. */
export function formatLocalDate(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** `HH:MM:SS.mmm` of `ms` in server local time. */
export function formatLocalClock(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

/**
 * `YYYY-MM-DD HH:MM:SS.mmm` of `ms` in server local time.
 * @example formatLocalTimestamp(Date.now()) // '2024-05-01 14:03:07.042'
 */
export function formatLocalTimestamp(ms: number): string {
  return `${formatLocalDate(ms)} ${formatLocalClock(ms)}`;
}
