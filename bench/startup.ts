import { rmSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { startServer, tempDir } from '../test/support/server.ts';
import { startBaseline } from './baseline.ts';
import { readRssMb } from './soak/rss.ts';
import { median } from './stats.ts';

/** Spawn-to-listening time and idle RSS of one kind of process, each the median of several starts. */
export interface StartupRow {
  what: 'node' | 'tsx' | 'auxio-fresh' | 'auxio-restart';
  startMs: number;
  idleRssMb: number;
}

interface Started {
  startMs: number;
  pid: number;
  stop(): Promise<void>;
}

// Long enough for start-up work that runs after "listening" (timers, lazy loads) to have settled.
const IDLE_MS = 2000;

const starters: Record<StartupRow['what'], (dataDir: string) => Promise<Started>> = {
  node: async () => withPid(await startBaseline('node')),
  tsx: async () => withPid(await startBaseline('tsx')),
  'auxio-fresh': (dir) => timedAuxio(dir),
  'auxio-restart': (dir) => timedAuxio(dir),
};

function withPid(b: Awaited<ReturnType<typeof startBaseline>>): Started {
  return { startMs: b.startMs, pid: b.process.pid!, stop: () => b.stop() };
}

/** `auxio serve` from spawn to its "listening" log line, on `dataDir` as it is (empty: a first start). */
async function timedAuxio(dataDir: string): Promise<Started> {
  const started = performance.now();
  const server = await startServer({ dataDir });
  return { startMs: performance.now() - started, pid: server.process.pid!, stop: () => server.stop() };
}

/**
 * Starts each kind `runs` times, interleaved so a busy moment on the machine hits all of them alike:
 * plain node and tsx running the bare hello server (the baselines), auxio on an empty data dir, and
 * auxio again on the data dir it just made (a restart). Each idles a moment before its RSS is read.
 */
export async function measureStartup(runs = 5): Promise<StartupRow[]> {
  const kinds = Object.keys(starters) as Array<StartupRow['what']>;
  const seen = new Map(kinds.map((k) => [k, { start: [] as number[], rss: [] as number[] }]));
  for (let i = 0; i < runs; i++) {
    const dataDir = tempDir('auxio-bench-start-');
    for (const kind of kinds) {
      const p = await starters[kind](dataDir);
      await sleep(IDLE_MS);
      seen.get(kind)!.rss.push(readRssMb(p.pid));
      seen.get(kind)!.start.push(p.startMs);
      await p.stop();
    }
    rmSync(dataDir, { recursive: true, force: true });
  }
  return kinds.map((what) => ({ what, startMs: median(seen.get(what)!.start), idleRssMb: median(seen.get(what)!.rss) }));
}
