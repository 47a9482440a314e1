import assert from 'node:assert/strict';
import { access, mkdir, readFile, rm, stat, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { formatLocalDate } from './local-time.ts';
import { fakeSnapshot, filesUnder, openStore } from './store.fixture.ts';

const AT = new Date(2024, 4, 17, 9, 8, 7, 65).getTime();
const META = { source: 'cam', trigger: 't' };

test('recover removes temp files, files without a row and rows without a file', async () => {
  const { store, dir } = await openStore();
  const kept = await store.save(fakeSnapshot(AT, 100, 1), META);
  const lost = await store.save(fakeSnapshot(AT + 1, 100, 2), META);
  const day = join(dir, formatLocalDate(AT));
  await unlink(store.get(lost.id)!.path);
  await writeFile(join(day, '.090807-066-abcdef.jpg.0badf00d.tmp'), 'half a picture');
  await writeFile(join(day, '235959-999-abcdef.jpg'), 'renamed, but the crash came before the insert');
  await writeFile(join(day, 'notes.txt'), 'not ours');
  await mkdir(join(dir, '2000-01-01'));
  await mkdir(join(dir, 'keep-me'));

  assert.deepEqual(await store.recover(), { tempFiles: 1, orphanFiles: 1, missingRows: 1 });
  assert.deepEqual(store.list().map((r) => r.id), [kept.id]);
  assert.equal((await readFile(store.get(kept.id)!.path))[5], 1, 'the good picture is untouched');
  const files = await filesUnder(dir);
  assert.deepEqual(files, [store.get(kept.id)!.path.slice(dir.length + 1), `${formatLocalDate(AT)}/notes.txt`].sort());
  await assert.rejects(access(join(dir, '2000-01-01')), { code: 'ENOENT' }, 'empty date folder removed');
  assert.ok((await stat(join(dir, 'keep-me'))).isDirectory(), 'a folder that is not a date is not ours');
  assert.deepEqual(await store.recover(), { tempFiles: 0, orphanFiles: 0, missingRows: 0 }, 'idempotent');
});

test('recover on a folder that does not exist yet finds nothing to do', async () => {
  const { store } = await openStore();
  assert.deepEqual(await store.recover(), { tempFiles: 0, orphanFiles: 0, missingRows: 0 });
});

test('recover drops rows whose date folder is gone entirely', async () => {
  const { store, dir } = await openStore();
  await store.save(fakeSnapshot(AT), META);
  await rm(join(dir, formatLocalDate(AT)), { recursive: true });
  assert.deepEqual(await store.recover(), { tempFiles: 0, orphanFiles: 0, missingRows: 1 });
  assert.equal(store.latest(), undefined);
});
