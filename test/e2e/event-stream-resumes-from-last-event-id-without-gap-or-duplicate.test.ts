// `GET /api/v1/events/stream` (Server-Sent Events): each journal entry is one frame
// `id: <seq>\ndata: <json>\n\n`, and a client that reconnects with `Last-Event-ID: N` gets every
// entry after N, none twice, even while entries keep coming (src/http/sse.ts).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, type RunningServer } from '../support/server.ts';
import { DigestClient } from '../support/digest-fetch.ts';
import { openSse, type SseConnection, type SseFrame } from '../support/sse.ts';
import { allEvents } from '../support/journal-pages.ts';

let server: RunningServer;
let root: DigestClient;
const open: SseConnection[] = [];
const BASIC = { authorization: `Basic ${Buffer.from('root:pass').toString('base64')}` };
const JSON_TYPE = { 'content-type': 'application/json' };

before(async () => {
  server = await startServer();
  root = new DigestClient(server.url, 'root', 'pass');
});

after(async () => {
  for (const c of open) c.close();
  await server?.stop();
});

async function stream(headers: Record<string, string> = {}, query = ''): Promise<SseConnection> {
  const c = await openSse(`${server.url}/api/v1/events/stream${query}`, { ...BASIC, ...headers });
  open.push(c);
  return c;
}

const dataFrames = (frames: SseFrame[]) => frames.filter((f) => !f.comment);
const ids = (frames: SseFrame[]) => dataFrames(frames).map((f) => Number(f.id));
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

test('a new stream opens with its preamble, then sends what happens next as exact frames', async () => {
  const { lastSeq } = JSON.parse((await root.request('/api/v1/status')).text);
  const sse = await stream();
  assert.equal(sse.status, 200);
  assert.equal(sse.headers.get('content-type'), 'text/event-stream; charset=utf-8');
  assert.match(sse.headers.get('cache-control') ?? '', /\bno-cache\b/);
  await sse.waitFor((f) => f.length >= 1);
  assert.ok(sse.text().startsWith(': auxio event stream\nretry: 2000\n\n'), JSON.stringify(sse.text().slice(0, 60)));

  const on = await root.request('/api/v1/outputs/1', { method: 'PUT', body: '{"active":true}', headers: JSON_TYPE });
  assert.equal(on.status, 200);
  await sse.waitFor((f) => dataFrames(f).length >= 1);
  sse.close();
  const [frame] = dataFrames(sse.frames);
  // Without Last-Event-ID there is no backlog: the first frame is the switch just made.
  const [entry] = (await allEvents(root)).filter((e) => e.seq > lastSeq);
  assert.ok(entry);
  assert.equal(frame!.raw, `id: ${entry.seq}\ndata: ${JSON.stringify(entry)}`);
  assert.deepEqual(ids(sse.frames), [entry.seq]);
  assert.deepEqual([entry.kind, entry.channel, entry.actor, entry.data], ['output', 'output1', 'http:root', { active: true, pulseUntil: null }]);
});

test('Last-Event-ID: N replays every entry after N, then goes on live', async () => {
  const journal = await allEvents(root);
  const n = journal[1]!.seq;
  const sse = await stream({ 'last-event-id': String(n) });
  await sse.waitFor((f) => ids(f).at(-1) === journal.at(-1)!.seq);
  assert.deepEqual(ids(sse.frames), range(n + 1, journal.at(-1)!.seq));
  assert.deepEqual(
    dataFrames(sse.frames).map((f) => JSON.parse(f.data!)),
    journal.slice(2),
  );
  const off = await root.request('/api/v1/outputs/1', { method: 'PUT', body: '{"active":false}', headers: JSON_TYPE });
  assert.equal(off.status, 200);
  await sse.waitFor((f) => ids(f).length === journal.length - 1);
  assert.deepEqual(ids(sse.frames), range(n + 1, journal.at(-1)!.seq + 1));
  sse.close();
});

test('reconnecting mid-burst with the last id seen loses and repeats nothing', async () => {
  const { lastSeq: before } = JSON.parse((await root.request('/api/v1/status')).text);
  const first = await stream({ 'last-event-id': String(before) });
  // 1,500 pulses: 3,000 journal entries arriving while the client drops and comes back.
  const train = root.request('/api/v1/sim/inputs/1', {
    method: 'POST',
    body: JSON.stringify({ pulses: 1500, highMs: 0, lowMs: 0 }),
    headers: JSON_TYPE,
  });
  let trainDone = false;
  void train.then(() => (trainDone = true));
  await first.waitFor((f) => dataFrames(f).length >= 300);
  first.close();
  const firstIds = ids(first.frames);
  const lastSeen = firstIds.at(-1)!;
  const second = await stream({ 'last-event-id': String(lastSeen) }, '?channel=input1');
  assert.equal(trainDone, false, 'the burst was over before the reconnect; nothing was tested');
  const done = await train;
  assert.equal(done.status, 200, done.text);
  const { lastSeq: end } = JSON.parse((await root.request('/api/v1/status')).text);
  assert.equal(end, before + 3000);
  await second.waitFor((f) => ids(f).at(-1) === end, 20_000);
  second.close();
  assert.deepEqual(firstIds, range(before + 1, lastSeen));
  assert.deepEqual(ids(second.frames), range(lastSeen + 1, end));
  // Every frame is the journal entry of its id, and the falls count 1..1500 across both connections.
  const frames = [...dataFrames(first.frames), ...dataFrames(second.frames)].map((f) => JSON.parse(f.data!));
  const falls = frames.filter((e) => e.data.level === 0).map((e) => e.data.pulses);
  assert.deepEqual(falls, range(1, 1500));
});
