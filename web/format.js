// How times, sizes and journal entries read on the page (server times are UTC; shown local).

const clock = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
const shortDay = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' });
const longDay = new Intl.DateTimeFormat(undefined, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });

function toDate(t) {
  return t instanceof Date ? t : new Date(t);
}

/** The local calendar day of a time, `YYYY-MM-DD`, for grouping. */
export function dayKey(t) {
  const d = toDate(t);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** `12:03:44`, with the day in front when it is not today. */
export function timeOf(t) {
  if (t === null || t === undefined) return 'never';
  const d = toDate(t);
  return dayKey(d) === dayKey(new Date()) ? clock.format(d) : `${shortDay.format(d)} ${clock.format(d)}`;
}

/** `12:03:44` only. */
export function clockOf(t) {
  return clock.format(toDate(t));
}

/** A day heading: Today, Yesterday or the full date. */
export function dayTitle(key) {
  const today = dayKey(new Date());
  const yesterday = dayKey(Date.now() - 86_400_000);
  if (key === today) return 'Today';
  if (key === yesterday) return 'Yesterday';
  const [y, m, d] = key.split('-').map(Number);
  return longDay.format(new Date(y, m - 1, d));
}

/** `300 ms`, `1 s`, `1.5 s`, `2 min`. */
export function duration(ms) {
  if (ms < 1000) return `${ms} ms`;
  if (ms < 120_000) return `${+(ms / 1000).toFixed(1)} s`;
  return `${+(ms / 60_000).toFixed(1)} min`;
}

/** `48 KB`. */
export function size(bytes) {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

// One line of details per kind of journal entry (README, "A journal entry").
const summaries = {
  input: (d) => `level ${d.level}, ${d.pulses} pulse${d.pulses === 1 ? '' : 's'} in total`,
  output: (d) => (d.active ? (d.pulseUntil ? `on until ${clockOf(d.pulseUntil)}` : 'on') : 'off'),
  channel: (d) => `"${d.name}"${d.invert ? ', inverted' : ''}${d.pulseMs ? `, pulse ${duration(d.pulseMs)}` : ''}`,
  fault: (d) => (d.message ? `${d.backend}: ${d.message}` : `${d.backend}: recovered`),
  client_dropped: (d) => `${d.transport} client ${d.address}: ${d.reason}`,
  auth_failed: (d) => `${d.username ?? 'no user'} from ${d.address}: ${d.reason}`,
  user: (d) => `${d.username} ${d.change}${d.role ? ` (${d.role})` : ''}`,
  start: (d) => `auxio ${d.version} started (${d.backend})`,
  script_run: (d) => `entry ${d.entry}${d.run ? ` run ${d.run}` : ''} ${d.outcome}${d.message ? `: ${d.message}` : ''} — ${d.trigger}`,
  script: (d) => (d.errors.length ? `refused: ${d.errors.join('; ')}` : `${d.entries} entr${d.entries === 1 ? 'y' : 'ies'} running`),
  log: (d) => d.text,
  snapshot: (d) => `picture ${d.id} from ${d.source}, ${d.width}×${d.height}, ${size(d.bytes)} — ${d.trigger}`,
  snapshot_failed: (d) => `${d.source}: ${d.code} ${d.message}`,
  storage: (d) => (d.full ? `disk full (${size(d.freeBytes)} free): pictures stopped` : `disk has room (${size(d.freeBytes)} free): pictures stored again`),
  mqtt: (d) => (d.connected ? `broker ${d.broker} back${d.dropped ? `; ${d.dropped} messages dropped meanwhile` : ''}` : `broker ${d.broker} lost: ${d.reason ?? 'connection closed'}`),
  upload: (d) => `${d.kind} to ${d.target}, attempt ${d.attempt}: ${d.ok ? 'done' : `failed${d.error ? ` (${d.error.message})` : ''}${d.willRetry ? ', will retry' : ''}`}`,
};

/** Every kind the journal knows, for the filter. */
export const KINDS = Object.keys(summaries);

/** One line saying what a journal entry means. */
export function summary(entry) {
  try {
    return summaries[entry.kind]?.(entry.data) ?? JSON.stringify(entry.data);
  } catch {
    return JSON.stringify(entry.data);
  }
}
