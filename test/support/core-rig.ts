import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateConfig } from '../../src/config/index.ts';
import { IoHub, SimBackend } from '../../src/io/index.ts';
import { Journal } from '../../src/journal/index.ts';
import { ScriptEngine, ScriptFile } from '../../src/rules/index.ts';
import { ImageBuffer, SnapshotService, SnapshotStore, SyntheticSource } from '../../src/snapshot/index.ts';

import type { UploadSink } from '../../src/rules/index.ts';

/**
 * auxio's core in this process (hub on the simulator, journal, snapshots, script engine) on a temp
 * data dir: what unit tests of the engine and the in-process benches drive.
 */
export async function startRig(script = '', options: { uploads?: UploadSink; size?: { width: number; height: number } } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'auxio-bench-'));
  writeFileSync(join(dir, 'script.txt'), script);
  const config = validateConfig({});
  const journal = new Journal({ file: join(dir, 'auxio.db') });
  const backend = new SimBackend({ inputs: 2, outputs: 1 });
  const hub = new IoHub({
    journal,
    inputs: config.io.inputs.map((c, pin) => ({ config: c, binding: { backend, pin } })),
    outputs: config.io.outputs.map((c, pin) => ({ config: c, binding: { backend, pin } })),
  });
  const snapshots = new SnapshotService({
    sources: [new SyntheticSource()],
    defaultSource: 'synthetic',
    store: new SnapshotStore({ db: journal.db, dir: join(dir, 'snapshots'), retention: {} }),
    journal,
    size: options.size ?? { width: 640, height: 480 },
  });
  const buffers = new ImageBuffer(snapshots);
  const engine = new ScriptEngine({
    file: new ScriptFile(join(dir, 'script.txt')),
    inputCount: 2,
    caps: { relay: hub, inputs: hub, snapshots, uploads: options.uploads ?? { enqueue: () => {} }, buffers, journal },
  });
  await hub.start();
  await snapshots.start();
  await engine.start();
  return {
    dir,
    journal,
    hub,
    backend,
    snapshots,
    engine,
    async stop() {
      await engine.stop();
      await buffers.stop();
      await snapshots.stop();
      await hub.stop();
      journal.close();
    },
  };
}
