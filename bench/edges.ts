import Database from 'better-sqlite3';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startRig } from '../test/support/core-rig.ts';

export interface EdgeResult {
  edgesPerSecond: number;
  /** The same number of plain SQLite inserts per second, on the same disk: the baseline. */
  rawInsertsPerSecond: number;
  lost: number;
}

/** Simulated edges through the hub (debounce, counting, journal commit, publish) per second. */
export async function measureEdges(pulses: number): Promise<EdgeResult> {
  const rig = await startRig();
  const start = performance.now();
  await rig.backend.pulse(0, { count: pulses, highMs: 0, lowMs: 0 });
  const seconds = (performance.now() - start) / 1000;
  const lost = pulses - rig.hub.inputs()[0]!.pulses;
  await rig.stop();
  return { edgesPerSecond: (pulses * 2) / seconds, rawInsertsPerSecond: rawInserts(join(rig.dir, 'raw.db'), pulses * 2), lost };
}

/** Autocommitted inserts of the same shape, in a tight loop. */
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
