import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { validateConfig } from '../src/config/index.ts';
import { IoHub, SimBackend } from '../src/io/index.ts';
import { Journal } from '../src/journal/index.ts';

export interface EdgeResult {
  edgesPerSecond: number;
  /** The same number of plain SQLite inserts per second, on the same disk: the baseline. */
  rawInsertsPerSecond: number;
  lost: number;
}

/** Simulated edges through the hub (debounce, counting, journal commit, publish) per second. */
export async function measureEdges(pulses: number): Promise<EdgeResult> {
  const dir = mkdtempSync(join(tmpdir(), 'auxio-bench-'));
  const config = validateConfig({});
  const journal = new Journal({ file: join(dir, 'auxio.db') });
  const backend = new SimBackend({ inputs: 2, outputs: 1 });
  const hub = new IoHub({
    journal,
    inputs: config.io.inputs.map((c, pin) => ({ config: c, binding: { backend, pin } })),
    outputs: config.io.outputs.map((c, pin) => ({ config: c, binding: { backend, pin } })),
  });
  await hub.start();
  const start = performance.now();
  await backend.pulse(0, { count: pulses, highMs: 0, lowMs: 0 });
  const seconds = (performance.now() - start) / 1000;
  const lost = pulses - hub.inputs()[0]!.pulses;
  await hub.stop();
  journal.close();
  return { edgesPerSecond: (pulses * 2) / seconds, rawInsertsPerSecond: rawInserts(join(dir, 'raw.db'), pulses * 2), lost };
}

/** Autocommitted inserts of the same shape, one per turn of the event loop's worth of work. */
function rawInserts(file: string, count: number): number {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec('CREATE TABLE events (seq INTEGER PRIMARY KEY AUTOINCREMENT, time INTEGER, kind TEXT, channel TEXT, actor TEXT, data TEXT)');
  const insert = db.prepare('INSERT INTO events (time, kind, channel, actor, data) VALUES (?, ?, ?, ?, ?)');
  const start = performance.now();
  for (let i = 0; i < count; i++) insert.run(Date.now(), 'input', 'input1', null, `{"level":${i % 2},"pulses":${i >> 1}}`);
  const seconds = (performance.now() - start) / 1000;
  db.close();
  return count / seconds;
}
