// The seed's own example, end to end (DESIGN.md, "The CRON script"): a door on input 1 opens, the
// entry lights the lamp, takes a picture, waits, and switches the lamp off. The picture is stored
// at the configured size with its trigger drawn on it, and the journal ties every effect to the
// edge that caused it and to the run that made it.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { formatLocalTimestamp } from '../../src/snapshot/local-time.ts';
import { DigestClient } from '../support/digest-fetch.ts';
import type { EventJson } from '../support/journal-pages.ts';
import { decodeJpeg, lineScore, type Picture } from '../support/picture-text.ts';
import {
  endedRuns, getBytes, lastSeq, listSnapshots, putScript, setInput, waitForEvents, type SnapshotJson,
} from '../support/script-api.ts';
import { startServer, type RunningServer } from '../support/server.ts';

const DOOR_SCRIPT = '* * * * * /I1 :\nsnapshot -relay on;\nsleep 1;\nrelay -off;\n%\n';
const TRIGGER = 'entry 1: /I1';

let server: RunningServer;
let root: DigestClient;

before(async () => {
  server = await startServer({ config: { snapshot: { width: 320, height: 240 } } });
  root = new DigestClient(server.url, 'root', 'pass');
});

after(async () => {
  await server?.stop();
});

async function relayActive(): Promise<boolean> {
  const res = await root.request('/api/v1/io');
  const channel = (JSON.parse(res.text) as { channels: Array<{ id: string; active?: boolean }> }).channels.find((c) => c.id === 'output1');
  return channel!.active!;
}

/** Reads the three band lines (local time, source, label) of a stored synthetic picture. */
function assertBandReads(picture: Picture, record: SnapshotJson, label: string): void {
  const lines = [formatLocalTimestamp(Date.parse(record.takenAt)), record.source, label];
  lines.forEach((text, i) => {
    assert.ok(lineScore(picture, lines, i, text) >= 0.97, `picture ${record.id} line ${i + 1} reads ${JSON.stringify(text)}`);
  });
}

// Filled by the first test, read by the next ones: one door opening, looked at from every side.
let since = 0;
let edgeAt = 0;
let record: SnapshotJson | undefined;
let jpeg: Buffer | undefined;
let relayWhileRunning: boolean | undefined;
let events: EventJson[] = [];

test('the door opening stores a picture within 2 s, listed with trigger "entry 1: /I1"', async () => {
  const put = await putScript(root, DOOR_SCRIPT);
  assert.equal(put.status, 200, put.text);
  assert.deepEqual(JSON.parse(put.text), { entries: 1 });
  since = await lastSeq(root);
  edgeAt = Date.now();
  await setInput(root, 1, 1);
  while (!record) {
    record = (await listSnapshots(root)).find((s) => s.trigger === TRIGGER);
    if (!record) {
      assert.ok(Date.now() - edgeAt < 2000, 'no picture 2 s after the door opened');
      await sleep(20);
    }
  }
  // The lamp is lit for the sleep 1 that follows the picture.
  relayWhileRunning = await relayActive();
  assert.ok(Date.now() - edgeAt < 2000, `picture listed ${Date.now() - edgeAt} ms after the edge`);
  assert.deepEqual(
    { ...record, takenAt: 'checked below' },
    { id: record.id, takenAt: 'checked below', source: 'synthetic', trigger: TRIGGER, width: 320, height: 240, bytes: record.bytes, url: `/api/v1/snapshots/${record.id}.jpg` },
  );
  const takenAt = Date.parse(record.takenAt);
  assert.ok(takenAt >= edgeAt - 50 && takenAt <= Date.now(), `takenAt ${record.takenAt} is not after the edge`);
});

test('the picture is a 320x240 JPEG, the same bytes by id and as /snapshot.jpg', async () => {
  assert.ok(record, 'no picture from the first test');
  const byId = await getBytes(server.url, record.url);
  assert.equal(byId.status, 200);
  assert.equal(byId.type, 'image/jpeg');
  assert.equal(byId.bytes.length, record.bytes);
  const picture = decodeJpeg(byId.bytes);
  assert.deepEqual([picture.width, picture.height], [320, 240]);
  const latest = await getBytes(server.url, '/snapshot.jpg');
  assert.equal(latest.status, 200);
  assert.equal(latest.type, 'image/jpeg');
  assert.ok(latest.bytes.equals(byId.bytes), '/snapshot.jpg is not the picture the door took');
  jpeg = byId.bytes;
});

test('the picture carries its time stamp, source and trigger drawn in the band', () => {
  assert.ok(record && jpeg, 'no picture from the first tests');
  const picture = decodeJpeg(jpeg);
  assertBandReads(picture, record, TRIGGER);
  const lines = [formatLocalTimestamp(Date.parse(record.takenAt)), 'synthetic', TRIGGER];
  assert.ok(lineScore(picture, lines, 2, 'entry 2: /I2') < 0.9, 'the reading would notice another entry');
});

test('the relay is on while the entry sleeps and off after it, as scripted', async () => {
  assert.equal(relayWhileRunning, true, 'the relay was off right after the picture');
  events = await waitForEvents(root, since, (e) => endedRuns(e, 1) === 1, 4000);
  assert.equal(await relayActive(), false);
  const outputs = events.filter((e) => e.kind === 'output');
  assert.deepEqual(outputs.map((e) => e.data.active), [true, false]);
  const litMs = Date.parse(outputs[1]!.time) - Date.parse(outputs[0]!.time);
  assert.ok(litMs >= 990 && litMs < 2500, `the lamp was lit ${litMs} ms for "sleep 1"`);
});

test('the journal ties edge → run started → relay on → picture → relay off → run finished', () => {
  assert.ok(record && events.length > 0, 'nothing from the first tests');
  const edge = events.find((e) => e.kind === 'input')!;
  assert.deepEqual([edge.channel, edge.data.level], ['input1', 1]);
  const started = events.find((e) => e.kind === 'script_run')!;
  const actor = `script:1#${started.seq}`;
  const chain = events
    .filter((e) => ['input', 'script_run', 'output', 'snapshot', 'snapshot_failed'].includes(e.kind))
    .map((e) => [e.kind, e.channel, e.actor, e.data]);
  assert.deepEqual(chain, [
    ['input', 'input1', null, edge.data],
    ['script_run', null, 'script:1', { entry: 1, run: null, trigger: TRIGGER, outcome: 'started', cause: edge.seq }],
    ['output', 'output1', actor, { active: true, pulseUntil: null }],
    ['snapshot', null, actor, { id: record.id, source: 'synthetic', trigger: TRIGGER, bytes: record.bytes, width: 320, height: 240 }],
    ['output', 'output1', actor, { active: false, pulseUntil: null }],
    ['script_run', null, 'script:1', { entry: 1, run: started.seq, trigger: TRIGGER, outcome: 'finished', cause: edge.seq }],
  ]);
  const seqs = events.map((e) => e.seq);
  assert.deepEqual(seqs, [...seqs].sort((a, b) => a - b), 'journal order is seq order');
});

test('-label A and -label B are drawn on their pictures: each reads its own label, not the other', async () => {
  const put = await putScript(root, '* * * * * /I2 :\nsnapshot -label A;\n%\n* * * * * \\I2 :\nsnapshot -label B;\n%\n');
  assert.equal(put.status, 200, put.text);
  const from = await lastSeq(root);
  await setInput(root, 2, 1);
  await waitForEvents(root, from, (e) => endedRuns(e, 1) === 1);
  await setInput(root, 2, 0);
  const done = await waitForEvents(root, from, (e) => endedRuns(e, 2) === 1);
  const ids = done.filter((e) => e.kind === 'snapshot').map((e) => e.data.id as number);
  assert.equal(ids.length, 2, 'one picture per edge');
  const listed = await listSnapshots(root);
  const [a, b] = ids.map((id) => listed.find((s) => s.id === id)!);
  const [pa, pb] = await Promise.all([a!, b!].map(async (s) => decodeJpeg((await getBytes(server.url, s.url)).bytes)));
  assertBandReads(pa!, a!, 'A');
  assertBandReads(pb!, b!, 'B');
  const linesA = [formatLocalTimestamp(Date.parse(a!.takenAt)), 'synthetic', 'A'];
  const linesB = [formatLocalTimestamp(Date.parse(b!.takenAt)), 'synthetic', 'B'];
  assert.ok(lineScore(pa!, linesA, 2, 'B') < 0.9, 'picture A does not read B');
  assert.ok(lineScore(pb!, linesB, 2, 'A') < 0.9, 'picture B does not read A');
});
