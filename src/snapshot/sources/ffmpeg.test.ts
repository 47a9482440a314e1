import assert from 'node:assert/strict';
import { describe, test, type TestContext } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { decode } from 'jpeg-js';
import { describeSourceContract } from '../source.contract.ts';
import { isSnapshotSourceError, type SourceErrorCode } from '../source-error.ts';
import { ffmpegArgs, FfmpegSnapshotSource, type FfmpegSnapshotSourceOptions } from './ffmpeg.ts';
import { SyntheticSource } from './synthetic.ts';

// -re: lavfi would otherwise make frames as fast as the CPU allows, not at 10 a second.
const LAVFI = ['-re', '-f', 'lavfi'];
const TESTSRC = 'testsrc=size=320x240:rate=10';

/** A started source that the test stops when it ends, however it ends. */
async function started(t: TestContext, options: Partial<FfmpegSnapshotSourceOptions> = {}): Promise<FfmpegSnapshotSource> {
  const source = new FfmpegSnapshotSource({ name: 'lavfi', input: TESTSRC, inputArgs: LAVFI, fps: 5, ...options });
  t.after(() => source.stop());
  await source.start();
  return source;
}

async function waitFor(what: string, check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function assertFails(capture: Promise<unknown>, code: SourceErrorCode, text: RegExp): Promise<void> {
  await assert.rejects(capture, (err: unknown) => {
    assert.ok(isSnapshotSourceError(err, code), String(err));
    assert.match(err.message, text);
    return true;
  });
}

describeSourceContract(
  'ffmpeg',
  // maxFrameAgeMs 0: the contract wants capturedAt after the call, so wait for the next frame.
  () => new FfmpegSnapshotSource({ name: 'contract', input: 'testsrc=size=640x480:rate=10', inputArgs: LAVFI, fps: 10, maxFrameAgeMs: 0 }),
  { honoursSize: 'ffmpeg scales to the size fixed in the options when it starts; a per-request size would need a restart or a re-encode' },
);

describe('streaming frames', () => {
  test('frames decode to the input size, or the configured one', async (t) => {
    const native = await (await started(t)).capture();
    assert.deepEqual([native.width, native.height], [320, 240]);
    assert.deepEqual([decode(native.jpeg).width, decode(native.jpeg).height], [320, 240]);
    const scaled = await (await started(t, { width: 160, height: 90, quality: 3 })).capture();
    assert.deepEqual([scaled.width, scaled.height], [160, 90]);
    assert.deepEqual([decode(scaled.jpeg).width, decode(scaled.jpeg).height], [160, 90]);
    const aspect = await (await started(t, { width: 160 })).capture();
    assert.deepEqual([aspect.width, aspect.height], [160, 120]);
  });

  test('captures after a wait are new frames; one without a wait costs no frame', async (t) => {
    const source = await started(t);
    const first = await source.capture();
    const again = await source.capture();
    assert.equal(again, first, 'the latest frame, handed over at once');
    await sleep(500);
    const later = await source.capture();
    assert.ok(later.capturedAt > first.capturedAt);
    assert.notDeepEqual(later.jpeg, first.jpeg);
    assert.ok(source.status.frames >= 2);
  });

  test('a frame older than maxFrameAgeMs is not handed over', async (t) => {
    const source = await started(t, { fps: 2, maxFrameAgeMs: 0 });
    const first = await source.capture();
    const before = Date.now();
    const next = await source.capture();
    assert.ok(next.capturedAt >= before && next.capturedAt > first.capturedAt);
  });

  test('stop() leaves no ffmpeg process, and captures then fail', async (t) => {
    const source = await started(t);
    await source.capture();
    const pid = source.status.pid;
    assert.ok(pid !== undefined && isAlive(pid));
    await source.stop();
    assert.ok(!isAlive(pid), 'ffmpeg is gone');
    assert.deepEqual([source.status.running, source.status.pid], [false, undefined]);
    await assertFails(source.capture(), 'SOURCE_STOPPED', /stopped/);
  });
});

describe('when ffmpeg fails', () => {
  test('a missing input is UPSTREAM_UNREACHABLE with ffmpeg\'s last words, at once while it is down', async (t) => {
    const source = await started(t, { input: '/nonexistent/camera.mp4', inputArgs: [] });
    await assertFails(source.capture(), 'UPSTREAM_UNREACHABLE', /nonexistent\/camera\.mp4: No such file or directory \(ffmpeg exited: code 1\)/);
    const began = Date.now();
    await assertFails(source.capture(), 'UPSTREAM_UNREACHABLE', /No such file/);
    assert.ok(Date.now() - began < 100, 'no waiting while ffmpeg is down');
  });

  test('a missing ffmpeg binary is UPSTREAM_UNREACHABLE', async (t) => {
    const source = await started(t, { ffmpegPath: '/nonexistent/ffmpeg' });
    await assertFails(source.capture(), 'UPSTREAM_UNREACHABLE', /ENOENT/);
  });

  test('a password in the input URL never reaches the error', async (t) => {
    const source = await started(t, { input: 'rtsp://admin:Pa55-w0rd@127.0.0.1:1/stream1', inputArgs: ['-rtsp_transport', 'tcp'] });
    await assert.rejects(source.capture(), (err: Error) => {
      assert.ok(isSnapshotSourceError(err, 'UPSTREAM_UNREACHABLE'), String(err));
      assert.doesNotMatch(err.message, /Pa55-w0rd/);
      return true;
    });
    assert.doesNotMatch(source.status.lastError ?? '', /Pa55-w0rd/);
  });

  test('a killed ffmpeg is restarted after a back-off', async (t) => {
    const source = await started(t);
    await source.capture();
    const pid = source.status.pid!;
    process.kill(pid, 'SIGKILL');
    await waitFor('the exit to be seen', () => !source.status.running);
    await assertFails(source.capture(), 'UPSTREAM_UNREACHABLE', /signal SIGKILL/);
    await waitFor('the restart', () => source.status.running, 3000);
    const shot = await source.capture();
    assert.equal(shot.width, 320);
    assert.equal(source.status.restarts, 1);
    assert.notEqual(source.status.pid, pid);
  });

  test('no frame within frameTimeoutMs is UPSTREAM_TIMEOUT', async (t) => {
    // 0.2 fps: the first frame comes only after 5 s.
    const source = await started(t, { fps: 0.2, frameTimeoutMs: 300, maxFrameAgeMs: 0 });
    await assertFails(source.capture(), 'UPSTREAM_TIMEOUT', /300 ms/);
  });

  test('bad options are refused at construction', () => {
    assert.throws(() => new FfmpegSnapshotSource({ name: 'x', input: '' }), TypeError);
    assert.throws(() => new FfmpegSnapshotSource({ name: 'x', input: 'a', fps: 0 }), RangeError);
    assert.throws(() => new FfmpegSnapshotSource({ name: 'x', input: 'a', width: 10.5 }), RangeError);
    assert.throws(() => new FfmpegSnapshotSource({ name: 'x', input: 'a', quality: 1 }), RangeError);
  });
});

test('ffmpegArgs: input options before -i, MJPEG to stdout', () => {
  assert.deepEqual(ffmpegArgs({ name: 'x', input: 'rtsp://cam/1', inputArgs: ['-rtsp_transport', 'tcp'], fps: 1, width: 640, quality: 3 }), [
    '-hide_banner', '-nostdin', '-nostats', '-loglevel', 'error', '-rtsp_transport', 'tcp', '-i', 'rtsp://cam/1',
    '-an', '-vf', 'fps=1,scale=640:-2,format=yuvj420p', '-c:v', 'mjpeg', '-q:v', '3', '-f', 'image2pipe', 'pipe:1',
  ]);
  assert.ok(ffmpegArgs({ name: 'x', input: 'a' }).includes('fps=2,format=yuvj420p'));
});

test('capture cost at 640x480: ffmpeg (latest frame, next frame) vs. synthetic (drawn and encoded)', async (t) => {
  const input = 'testsrc=size=640x480:rate=10';
  const latest = await started(t, { input, fps: 10 });
  const next = await started(t, { input, fps: 10, maxFrameAgeMs: 0 });
  const synthetic = new SyntheticSource();
  const time = async (times: number, capture: () => Promise<unknown>) => {
    await capture(); // the first frame waits for ffmpeg to start
    const began = performance.now();
    for (let i = 0; i < times; i++) await capture();
    return (performance.now() - began) / times;
  };
  const latestMs = await time(20, () => latest.capture());
  const nextMs = await time(10, () => next.capture());
  const syntheticMs = await time(5, () => synthetic.capture({ width: 640, height: 480 }));
  t.diagnostic(`mean capture: ffmpeg latest ${latestMs.toFixed(3)} ms, ffmpeg next frame ${nextMs.toFixed(1)} ms, synthetic ${syntheticMs.toFixed(1)} ms`);
  assert.ok(latestMs < syntheticMs);
  assert.ok(nextMs < 200, 'at 10 fps the next frame is at most 100 ms away');
});
