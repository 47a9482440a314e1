import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { JournalEvent } from '../src/journal/index.ts';
import { encodeJpeg } from '../src/snapshot/index.ts';
import { startRig } from '../test/support/core-rig.ts';
import { percentile } from './stats.ts';

export interface SnapshotBench {
  edgeToDiskP50: number;
  edgeToDiskP99: number;
  bufferedP50: number;
  bufferedP99: number;
  snapshotsPerSecond: number;
  encodeMs: number;
  ffmpegEncodeMs: number;
}

/** Edge → JPEG on disk: from the edge's journal time to the journal entry written after the rename. */
async function edgeToDisk(script: string, edges: number): Promise<number[]> {
  const rig = await startRig(script);
  await sleep(1500); // let a pre-trigger buffer fill
  const latencies: number[] = [];
  let edgeAt = 0;
  rig.journal.subscribe('bench', (e: JournalEvent) => {
    if (e.kind === 'input' && e.data.level === 1) edgeAt = performance.now();
    if (e.kind === 'snapshot' && edgeAt) {
      latencies.push(performance.now() - edgeAt);
      edgeAt = 0;
    }
  });
  for (let i = 0; i < edges; i++) {
    await rig.backend.setLevel(0, 1);
    await rig.engine.idle();
    await rig.backend.setLevel(0, 0);
    await sleep(120);
  }
  await rig.stop();
  return latencies;
}

async function snapshotsPerSecond(count: number): Promise<number> {
  const rig = await startRig();
  const start = performance.now();
  for (let i = 0; i < count; i++) await rig.snapshots.take({ label: 'bench', actor: 'bench' });
  const rate = count / ((performance.now() - start) / 1000);
  await rig.stop();
  return rate;
}

function pattern(width: number, height: number): Uint8Array {
  const rgba = new Uint8Array(width * height * 4);
  for (let i = 0; i < rgba.length; i++) rgba[i] = (i * 7 + (i >> 11)) & 255;
  return rgba;
}

/** ffmpeg encoding the same raw frames to MJPEG, per frame, process start included once. */
function ffmpegEncodeMs(rgba: Uint8Array, width: number, height: number, frames: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const ff = spawn('ffmpeg', ['-loglevel', 'error', '-f', 'rawvideo', '-pix_fmt', 'rgba', '-s', `${width}x${height}`, '-i', '-', '-f', 'image2pipe', '-c:v', 'mjpeg', '-q:v', '5', '-'], { stdio: ['pipe', 'pipe', 'inherit'] });
    ff.stdout.resume();
    ff.on('error', reject);
    ff.on('exit', () => resolve((performance.now() - start) / frames));
    for (let i = 0; i < frames; i++) ff.stdin.write(rgba);
    ff.stdin.end();
  });
}

export async function measureSnapshots(): Promise<SnapshotBench> {
  const direct = await edgeToDisk('* * * * * /I1 :\nsnapshot;\n%\n', 40);
  const buffered = await edgeToDisk('* * * * * BOOT :\nbuffer_init -pre 1 -post 0 -interval 100;\n%\n* * * * * /I1 :\nbuffer_start;\n%\n', 40);
  const rgba = pattern(640, 480);
  await encodeJpeg(rgba, 640, 480, 80);
  const start = performance.now();
  for (let i = 0; i < 30; i++) await encodeJpeg(rgba, 640, 480, 80);
  const encodeMs = (performance.now() - start) / 30;
  return {
    edgeToDiskP50: percentile(direct, 50),
    edgeToDiskP99: percentile(direct, 99),
    bufferedP50: percentile(buffered, 50),
    bufferedP99: percentile(buffered, 99),
    snapshotsPerSecond: await snapshotsPerSecond(40),
    encodeMs,
    ffmpegEncodeMs: await ffmpegEncodeMs(rgba, 640, 480, 30),
  };
}
