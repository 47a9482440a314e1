import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { formatLocalDate } from './local-time.ts';
import { fakeSnapshot, filesUnder, openStore } from './store.fixture.ts';
import { LIST_MAX_LIMIT } from './store.ts';

const AT = new Date(2024, 4, 17, 9, 8, 7, 65).getTime();
const META = { source: 'gate cam', trigger: 'entry 1: /I1' };

describe('snapshot store: save', () => {
  test('writes the exact bytes under dir/YYYY-MM-DD and leaves no temp file', async () => {
    const { store, dir } = await openStore();
    const snapshot = fakeSnapshot(AT, 300, 7);
    const record = await store.save(snapshot, META);
    assert.deepEqual(record, { id: 1, takenAt: AT, source: 'gate cam', trigger: 'entry 1: /I1', width: 2, height: 2, bytes: 300 });
    const stored = store.get(record.id)!;
    assert.ok(stored.path.startsWith(join(dir, formatLocalDate(AT)) + '/'), stored.path);
    assert.match(stored.path, /\/090807-065-[0-9a-f]{6}\.jpg$/);
    assert.deepEqual(await readFile(stored.path), snapshot.jpeg);
    assert.deepEqual(await filesUnder(dir), [stored.path.slice(dir.length + 1)], 'one file, no .tmp');
  });

  test('two saves in the same millisecond get separate files', async () => {
    const { store, dir } = await openStore();
    await store.save(fakeSnapshot(AT, 100, 1), META);
    await store.save(fakeSnapshot(AT, 100, 2), META);
    assert.equal((await filesUnder(dir)).length, 2);
    assert.equal((await readFile(store.get(2)!.path))[5], 2, 'second file holds the second picture');
  });

  test('a failed index insert leaves neither file nor row', async () => {
    const { store, db, dir } = await openStore();
    db.exec(`CREATE TRIGGER refuse BEFORE INSERT ON snapshots BEGIN SELECT RAISE(ABORT, 'index refused'); END`);
    await assert.rejects(store.save(fakeSnapshot(AT), META), /index refused/);
    assert.deepEqual(await filesUnder(dir), []);
    assert.deepEqual(store.list(), []);
  });

  test('refuses something that is not a JPEG before writing anything', async () => {
    const { store, dir } = await openStore();
    const png = { ...fakeSnapshot(AT), jpeg: Buffer.from('\x89PNG\r\n\x1a\n') };
    await assert.rejects(store.save(png, META), TypeError);
    await assert.rejects(store.save({ ...fakeSnapshot(AT), capturedAt: Number.NaN }, META), RangeError);
    assert.deepEqual(await filesUnder(dir), []);
  });
});

describe('snapshot store: reading', () => {
  test('latest, get and list by id', async () => {
    const { store } = await openStore();
    assert.equal(store.latest(), undefined);
    for (let i = 0; i < 5; i++) await store.save(fakeSnapshot(AT + i, 100, i), { source: 'cam', trigger: `t${i}` });
    assert.equal(store.latest()!.record.id, 5);
    assert.equal(store.latest()!.record.trigger, 't4');
    assert.equal(store.get(3)!.record.takenAt, AT + 2);
    assert.equal((await readFile(store.get(3)!.path))[5], 2, 'path leads to that picture');
    assert.equal(store.get(99), undefined);
    assert.deepEqual(store.list().map((r) => r.id), [1, 2, 3, 4, 5]);
    assert.deepEqual(store.list({ since: 2 }).map((r) => r.id), [3, 4, 5]);
    assert.deepEqual(store.list({ since: 1, limit: 2 }).map((r) => r.id), [2, 3]);
    assert.deepEqual(store.list({ limit: LIST_MAX_LIMIT + 5 }).length, 5, 'a too large limit is capped, not refused');
  });

  test('list returns 50 by default and at most 1000', async () => {
    const { store, db } = await openStore();
    const insert = db.prepare(`INSERT INTO snapshots (taken_at, source, trigger_label, width, height, bytes, rel_path)
      VALUES (?, 's', 't', 2, 2, 1, ?)`);
    db.transaction(() => {
      for (let i = 0; i < 1200; i++) insert.run(AT, `2024-05-17/000000-000-${i.toString(16).padStart(6, '0')}.jpg`);
    })();
    assert.equal(store.list().length, 50);
    assert.equal(store.list({ limit: 5000 }).length, 1000);
  });

  test('rejects ids that are not positive integers', async () => {
    const { store } = await openStore();
    await store.save(fakeSnapshot(AT), META);
    for (const id of [1.5, 0, -1, Number.NaN, Infinity, '1' as unknown as number]) {
      assert.throws(() => store.get(id), RangeError, String(id));
    }
    for (const options of [{ since: 0.5 }, { since: -1 }, { limit: 0 }, { limit: 2.5 }]) {
      assert.throws(() => store.list(options), RangeError, JSON.stringify(options));
    }
  });

  test('never hands out a path the store did not make, even from an edited index', async () => {
    const { store, db } = await openStore();
    await store.save(fakeSnapshot(AT), META);
    db.prepare(`UPDATE snapshots SET rel_path = '../../etc/passwd' WHERE id = 1`).run();
    assert.throws(() => store.get(1), /invalid path/);
    assert.throws(() => store.latest(), /invalid path/);
  });
});

test('the constructor names every invalid retention limit', async () => {
  await assert.rejects(openStore({ retention: { maxAgeDays: 0, maxCount: 2.5, maxBytes: -1 } }), (error: Error) => {
    assert.ok(error instanceof RangeError);
    assert.match(error.message, /maxAgeDays.*maxCount.*maxBytes/);
    return true;
  });
});
