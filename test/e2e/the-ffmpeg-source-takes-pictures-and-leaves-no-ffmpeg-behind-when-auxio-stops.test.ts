// The `ffmpeg` snapshot source with a lavfi test source as its camera: POST /api/v1/snapshots
// gives a 320x240 JPEG from the running ffmpeg, and stopping auxio ends that ffmpeg: none is left
// behind as an orphan holding a camera stream open.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { api } from '../support/api.ts';
import { decodeJpeg } from '../support/picture-text.ts';
import { getBytes } from '../support/script-api.ts';
import { startServer, type RunningServer } from '../support/server.ts';

// Unique to this file, so no other test's ffmpeg is mistaken for ours.
const INPUT = 'testsrc=size=320x240:rate=5:duration=3600';

let server: RunningServer;

before(async () => {
  server = await startServer({
    config: {
      snapshot: {
        // -re: read the test source in real time, as the source's docs advise for lavfi and files;
        // without it ffmpeg encodes as fast as the CPU allows.
        sources: [{ name: 'webcam', kind: 'ffmpeg', input: INPUT, input_args: ['-re', '-f', 'lavfi'], fps: 5 }],
      },
    },
  });
});

after(async () => {
  await server?.stop();
});

/** pids of the ffmpeg processes whose command line names our test source. */
function ffmpegPids(): number[] {
  try {
    return execFileSync('pgrep', ['-f', INPUT], { encoding: 'utf8' }).split('\n').filter(Boolean).map(Number);
  } catch {
    return []; // pgrep exits 1 when nothing matches
  }
}

/** pids of the direct children of `pid`. */
function childrenOf(pid: number): number[] {
  try {
    return execFileSync('ps', ['--ppid', String(pid), '-o', 'pid='], { encoding: 'utf8' }).split('\n').filter((l) => l.trim()).map(Number);
  } catch {
    return []; // ps exits 1 when there are none
  }
}

test('POST /api/v1/snapshots gives a 320x240 JPEG from the ffmpeg source', async () => {
  const res = await api(server.url, '/api/v1/snapshots', { method: 'POST', body: {} });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  assert.deepEqual([res.body.source, res.body.width, res.body.height], ['webcam', 320, 240]);
  const stored = await getBytes(server.url, res.body.url);
  assert.equal(stored.status, 200);
  assert.equal(stored.type, 'image/jpeg');
  const picture = decodeJpeg(stored.bytes);
  assert.deepEqual([picture.width, picture.height], [320, 240]);
});

test('a second picture a moment later is a newer frame, not the same one again', async () => {
  const first = await api(server.url, '/api/v1/snapshots', { method: 'POST', body: {} });
  await sleep(400); // two frame intervals at 5 fps
  const second = await api(server.url, '/api/v1/snapshots', { method: 'POST', body: {} });
  assert.equal(second.status, 201, JSON.stringify(second.body));
  assert.ok(Date.parse(second.body.takenAt) > Date.parse(first.body.takenAt), `${first.body.takenAt} then ${second.body.takenAt}`);
  const [a, b] = await Promise.all([getBytes(server.url, first.body.url), getBytes(server.url, second.body.url)]);
  assert.ok(!a.bytes.equals(b.bytes), 'the testsrc frame counter moved on');
});

test('one ffmpeg runs as auxio\'s child, and none is left after auxio stops', async () => {
  const pid = server.process.pid!;
  const children = childrenOf(pid);
  const ours = ffmpegPids().filter((p) => children.includes(p));
  assert.equal(ours.length, 1, `ffmpeg children of auxio (${pid}): ${ours.join(', ')}`);
  const child = ours[0]!;
  await server.stop();
  // auxio waits for ffmpeg to end (and reaps it) before it exits, so it is gone by now. Checked at
  // once: an orphaned ffmpeg dies by itself of the broken pipe, but only a second or more later.
  assert.ok(!existsSync(`/proc/${child}`), `ffmpeg ${child} outlived auxio`);
  assert.ok(!ffmpegPids().includes(child), `pgrep still finds ffmpeg ${child}`);
});
