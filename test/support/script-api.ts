// Driving the resident script end to end: put a script, play an input, read the journal and the
// stored pictures, as a client would over HTTP.
import { setTimeout as sleep } from 'node:timers/promises';
import type { DigestAnswer, DigestClient } from './digest-fetch.ts';
import type { EventJson } from './journal-pages.ts';

/** A stored picture as `GET /api/v1/snapshots` lists it. */
export interface SnapshotJson {
  id: number;
  takenAt: string;
  source: string;
  trigger: string;
  width: number;
  height: number;
  bytes: number;
  url: string;
}

/** `PUT /api/v1/script` with the script as a text/plain body. */
export function putScript(client: DigestClient, text: string): Promise<DigestAnswer> {
  return client.request('/api/v1/script', { method: 'PUT', body: text, headers: { 'content-type': 'text/plain' } });
}

/** Sets a simulated input's level; resolves once the edge (if any) has reached the hub. */
export async function setInput(client: DigestClient, input: number, level: 0 | 1): Promise<void> {
  const res = await client.request(`/api/v1/sim/inputs/${input}`, {
    method: 'POST',
    body: JSON.stringify({ level }),
    headers: { 'content-type': 'application/json' },
  });
  if (res.status !== 200) throw new Error(`POST /api/v1/sim/inputs/${input} answered ${res.status}: ${res.text}`);
}

/** The journal's last seq now: read events after it with `eventsSince`. */
export async function lastSeq(client: DigestClient): Promise<number> {
  const res = await client.request('/api/v1/events?order=desc&limit=1');
  if (res.status !== 200) throw new Error(`GET /api/v1/events answered ${res.status}: ${res.text}`);
  return (JSON.parse(res.text) as { lastSeq: number }).lastSeq;
}

/** Every journal entry after `since` (one page of up to 1000 is plenty for one test step). */
export async function eventsSince(client: DigestClient, since: number, query = ''): Promise<EventJson[]> {
  const res = await client.request(`/api/v1/events?since=${since}&limit=1000${query ? `&${query}` : ''}`);
  if (res.status !== 200) throw new Error(`GET /api/v1/events answered ${res.status}: ${res.text}`);
  return (JSON.parse(res.text) as { events: EventJson[] }).events;
}

/**
 * Polls the journal after `since` until `done` holds for what it holds; returns those entries.
 * @example const events = await waitForEvents(client, since, (e) => e.some((x) => x.data.outcome === 'finished'));
 */
export async function waitForEvents(
  client: DigestClient,
  since: number,
  done: (events: EventJson[]) => boolean,
  timeoutMs = 5000,
): Promise<EventJson[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const events = await eventsSince(client, since);
    if (done(events)) return events;
    if (Date.now() > deadline) {
      throw new Error(`journal after seq ${since} never got there in ${timeoutMs} ms:\n${events.map((e) => JSON.stringify(e)).join('\n')}`);
    }
    await sleep(25);
  }
}

/** The `script_run` entries among `events`, as `[outcome, run, cause, trigger]` rows. */
export function scriptRuns(events: EventJson[], entry?: number): Array<[string, unknown, unknown, unknown]> {
  return events
    .filter((e) => e.kind === 'script_run' && (entry === undefined || e.data.entry === entry))
    .map((e) => [e.data.outcome as string, e.data.run, e.data.cause, e.data.trigger]);
}

/** How many runs of `entry` have finished (or failed) among `events`. */
export function endedRuns(events: EventJson[], entry: number): number {
  return events.filter((e) => e.kind === 'script_run' && e.data.entry === entry && (e.data.outcome === 'finished' || e.data.outcome === 'failed')).length;
}

/** `GET /api/v1/snapshots`, newest last. */
export async function listSnapshots(client: DigestClient, since = 0): Promise<SnapshotJson[]> {
  const res = await client.request(`/api/v1/snapshots?since=${since}&limit=1000`);
  if (res.status !== 200) throw new Error(`GET /api/v1/snapshots answered ${res.status}: ${res.text}`);
  return (JSON.parse(res.text) as { snapshots: SnapshotJson[] }).snapshots;
}

/** A binary GET with a Basic login (the Digest client reads bodies as text). */
export async function getBytes(
  base: string,
  path: string,
  user = 'root',
  password = 'pass',
): Promise<{ status: number; type: string | null; headers: Headers; bytes: Buffer }> {
  const res = await fetch(`${base}${path}`, {
    headers: { authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` },
  });
  return { status: res.status, type: res.headers.get('content-type'), headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}
