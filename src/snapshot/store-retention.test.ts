import assert from 'node:assert/strict';
import { access } from 'node:fs/promises';
import { test } from 'node:test';
import { fakeSnapshot, filesUnder, openStore } from './store.fixture.ts';

const HOUR = 60 * 60 * 1000;
const NOW = new Date(2024, 4, 17, 12, 0, 0, 0).getTime();

const exists = (path: string): Promise<boolean> => access(path).then(() => true, () => false);

test('keeps the newest maxCount pictures and deletes older files and rows', async () => {
  const { store, dir } = await openStore({ retention: { maxCount: 3 } });
  const paths: string[] = [];
  for (let i = 0; i < 5; i++) {
    const { id } = await store.save(fakeSnapshot(NOW + i, 100, i), { source: 'cam', trigger: 't' });
    paths.push(store.get(id)!.path);
  }
  assert.deepEqual(store.list().map((r) => r.id), [3, 4, 5]);
  assert.deepEqual(await Promise.all(paths.map(exists)), [false, false, true, true, true]);
  assert.equal((await filesUnder(dir)).length, 3);
});

test('keeps the newest pictures within maxBytes, but never the picture just saved', async () => {
  const { store, dir } = await openStore({ retention: { maxBytes: 250 } });
  for (let i = 0; i < 4; i++) await store.save(fakeSnapshot(NOW + i, 100, i), { source: 'cam', trigger: 't' });
  assert.deepEqual(store.list().map((r) => r.id), [3, 4], '200 bytes kept; a third would make 300');
  await store.save(fakeSnapshot(NOW + 9, 400), { source: 'cam', trigger: 'big' });
  assert.deepEqual(store.list().map((r) => r.id), [5], 'larger than the limit alone, still kept');
  assert.equal((await filesUnder(dir)).length, 1);
});

test('deletes pictures older than maxAgeDays by the injected clock', async () => {
  let now = NOW;
  const { store, dir } = await openStore({ retention: { maxAgeDays: 1 }, clock: () => now });
  for (const age of [30, 20, 1]) await store.save(fakeSnapshot(NOW - age * HOUR), { source: 'cam', trigger: `${age}h` });
  assert.deepEqual(store.list().map((r) => r.trigger), ['20h', '1h']);
  now += 5 * HOUR;
  assert.equal(await store.applyRetention(), 1, '20 h became 25 h');
  assert.deepEqual(store.list().map((r) => r.trigger), ['1h']);
  assert.equal((await filesUnder(dir)).length, 1);
  now += 100 * HOUR;
  assert.equal(await store.applyRetention(), 0, 'the newest picture stays even when old');
});

test('without limits nothing is deleted', async () => {
  const { store } = await openStore();
  for (let i = 0; i < 4; i++) await store.save(fakeSnapshot(NOW - i * 1000 * HOUR, 5000), { source: 'cam', trigger: 't' });
  assert.equal(await store.applyRetention(), 0);
  assert.equal(store.list().length, 4);
});

test('a failing retention is reported but does not fail the save', async () => {
  const errors: unknown[] = [];
  const { store, db } = await openStore({ retention: { maxCount: 1 }, onRetentionError: (e) => errors.push(e) });
  await store.save(fakeSnapshot(NOW), { source: 'cam', trigger: 'first' });
  db.exec(`CREATE TRIGGER keep BEFORE DELETE ON snapshots BEGIN SELECT RAISE(ABORT, 'no deletes'); END`);
  const record = await store.save(fakeSnapshot(NOW + 1), { source: 'cam', trigger: 'second' });
  assert.equal(record.id, 2);
  assert.equal(errors.length, 1);
  assert.match(String(errors[0]), /no deletes/);
});
