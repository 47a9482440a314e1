// The pre-/post-trigger image buffer as the AXIS scripts drive it: a BOOT entry starts it with
// `buffer_init -pre 3 -post 2 -interval 200`, a door entry runs `buffer_start`. One edge stores
// five pictures for that run: three taken before the edge, two after, 200 ms apart, at the
// configured picture size.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { DigestClient } from '../support/digest-fetch.ts';
import type { EventJson } from '../support/journal-pages.ts';
import { decodeJpeg } from '../support/picture-text.ts';
import {
  endedRuns, getBytes, lastSeq, listSnapshots, setInput, waitForEvents, type SnapshotJson,
} from '../support/script-api.ts';
import { startServer, tempDir, type RunningServer } from '../support/server.ts';

const SCRIPT = '* * * * * BOOT :\nbuffer_init -pre 3 -post 2 -interval 200;\n%\n* * * * * /I1 :\nbuffer_start;\n%\n';

let server: RunningServer;
let root: DigestClient;
let edge: EventJson;
let run: EventJson[] = [];
let pictures: SnapshotJson[] = [];

before(async () => {
  const dataDir = tempDir();
  writeFileSync(join(dataDir, 'script.txt'), SCRIPT);
  server = await startServer({ dataDir, config: { snapshot: { width: 320, height: 240 } } });
  root = new DigestClient(server.url, 'root', 'pass');
});

after(async () => {
  await server?.stop();
});

test('one edge stores five pictures for its run, journaled with the run as actor', async () => {
  await waitForEvents(root, 0, (e) => endedRuns(e, 1) === 1); // buffer_init has run
  await sleep(1000); // the ring fills: a frame every 200 ms, the last 3 kept
  const since = await lastSeq(root);
  await setInput(root, 1, 1);
  run = await waitForEvents(root, since, (e) => endedRuns(e, 2) === 1, 5000);
  edge = run.find((e) => e.kind === 'input')!;
  const started = run.find((e) => e.kind === 'script_run' && e.data.outcome === 'started')!;
  assert.equal(started.data.cause, edge.seq);
  const outcomes = run.filter((e) => e.kind === 'script_run').map((e) => e.data.outcome);
  assert.deepEqual(outcomes, ['started', 'finished']);
  const shots = run.filter((e) => e.kind === 'snapshot');
  assert.equal(shots.length, 5);
  for (const s of shots) assert.equal(s.actor, `script:2#${started.seq}`);
  const ids = shots.map((s) => s.data.id);
  pictures = (await listSnapshots(root)).filter((p) => ids.includes(p.id));
  assert.equal(pictures.length, 5);
  for (const p of pictures) assert.equal(p.trigger, 'entry 2: /I1');
});

test('three were taken before the edge and two after, about 200 ms apart, oldest first', () => {
  assert.equal(pictures.length, 5, 'nothing from the first test');
  const edgeAt = Date.parse(edge.time);
  const taken = pictures.map((p) => Date.parse(p.takenAt));
  const relative = taken.map((t) => t - edgeAt);
  // Times are whole ms: a frame started in the edge's own millisecond may read 0 on either side.
  const side = (ms: number, i: number) => (i < 3 ? (ms <= 0 ? 'before' : 'after') : ms >= 0 ? 'after' : 'before');
  assert.deepEqual(relative.map(side), ['before', 'before', 'before', 'after', 'after'], `taken at ${relative.join(', ')} ms from the edge`);
  for (let i = 1; i < taken.length; i++) {
    const gap = taken[i]! - taken[i - 1]!;
    assert.ok(gap >= 150 && gap <= 600, `gap ${gap} ms between pictures ${i} and ${i + 1} (interval 200)`);
  }
  assert.ok(relative[0]! > -1000, 'the oldest is from the last second, not a stale frame');
});

test('the buffered pictures have the configured size, 320x240', async () => {
  assert.equal(pictures.length, 5, 'nothing from the first test');
  const sizes = await Promise.all(pictures.map(async (p) => {
    const picture = decodeJpeg((await getBytes(server.url, p.url)).bytes);
    return [p.width, p.height, picture.width, picture.height].join('x');
  }));
  assert.deepEqual(sizes, Array(5).fill('320x240x320x240'));
});
