import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Journal } from '../journal/index.ts';
import { SnapshotService } from './service.ts';
import { SyntheticSource } from './sources/synthetic.ts';
import { openStore } from './store.fixture.ts';

/** A service whose disk reports `free.bytes` free, re-checked every 20 ms while full. */
async function serviceWithDisk(free: { bytes: number }) {
  const { store, dir } = await openStore();
  const journal = new Journal({ file: join(dir, '..', 'journal.db') });
  const service = new SnapshotService({
    sources: [new SyntheticSource()], defaultSource: 'synthetic', store, journal, size: { width: 64, height: 48 },
    minFreeBytes: 1000, freeBytes: async () => free.bytes, recheckMs: 20,
  });
  await service.start();
  const kinds = (kind: string) => journal.query({ kind: kind as 'storage' });
  return { service, store, journal, kinds, stop: async () => { await service.stop(); journal.close(); } };
}

test('below the reserve, pictures are refused without asking the camera; room again is noticed on its own', async () => {
  const free = { bytes: 5000 };
  const { service, kinds, stop } = await serviceWithDisk(free);
  await service.take({ label: 'ok', actor: 'test' });
  free.bytes = 999;
  await assert.rejects(service.take({ label: 'door', actor: 'test' }), { code: 'STORAGE_FULL' });
  await assert.rejects(service.storeFrames([], { source: 'synthetic', label: 'buffer', actor: 'test' }), { code: 'STORAGE_FULL' });
  assert.deepEqual(kinds('storage').map((e) => e.data), [{ full: true, freeBytes: 999, minFreeBytes: 1000 }]);
  assert.equal(kinds('snapshot_failed').length, 1);
  free.bytes = 1000;
  // The re-check while full (every 20 ms here) notices, with nobody asking for a picture.
  for (let waited = 0; service.storage.full && waited < 3000; waited += 10) await sleep(10);
  assert.deepEqual(kinds('storage').map((e) => e.kind === 'storage' && e.data.full), [true, false]);
  assert.equal(service.storage.full, false);
  await service.take({ label: 'again', actor: 'test' });
  await stop();
});

test('a write that fails for want of space stops pictures even when the last look said there was room', async () => {
  const free = { bytes: 50_000 };
  const { service, store, kinds, stop } = await serviceWithDisk(free);
  const save = store.save.bind(store);
  store.save = async () => {
    throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
  };
  await assert.rejects(service.take({ label: 'door', actor: 'test' }), { code: 'STORAGE_FULL', message: /^the disk is full \(0\.0 MB free\)/ });
  const storage = () => kinds('storage').map((e) => e.kind === 'storage' && e.data.full);
  assert.deepEqual(storage(), [true]);
  const failed = kinds('snapshot_failed')[0]!;
  assert.equal(failed.kind === 'snapshot_failed' && failed.data.code, 'STORAGE_FULL');
  // The same free space as at the failure is not room: no flapping between full and room per attempt.
  store.save = save;
  await assert.rejects(service.take({ label: 'door', actor: 'test' }), { code: 'STORAGE_FULL' });
  assert.deepEqual(storage(), [true]);
  free.bytes += 2 * 1024 * 1024;
  await service.take({ label: 'room', actor: 'test' });
  assert.deepEqual(storage(), [true, false]);
  await stop();
});
