import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { removeIfExists, removeLeftoverTempFiles, writeFileAtomic } from './atomic-file.ts';

const root = await mkdtemp(join(tmpdir(), 'auxio-atomic-'));
after(() => rm(root, { recursive: true, force: true }));

test('creates missing folders and writes the whole content', async () => {
  const path = join(root, 'a', 'b', 'pic.jpg');
  await writeFileAtomic(path, Buffer.from('first'));
  await writeFileAtomic(path, Buffer.from('second'));
  assert.equal(await readFile(path, 'utf8'), 'second');
  assert.deepEqual(await readdir(join(root, 'a', 'b')), ['pic.jpg']);
});

test('a failed rename removes its temp file', async () => {
  const folder = join(root, 'c');
  // A folder where the file should go makes the final rename fail after the data was written.
  await mkdir(join(folder, 'taken.jpg'), { recursive: true });
  await assert.rejects(writeFileAtomic(join(folder, 'taken.jpg'), Buffer.from('x')));
  assert.deepEqual(await readdir(folder), ['taken.jpg']);
});

test('removeIfExists ignores a missing file but not other errors', async () => {
  await removeIfExists(join(root, 'never-was'));
  await mkdir(join(root, 'dir-not-file'));
  await assert.rejects(removeIfExists(join(root, 'dir-not-file')));
});

test('removeLeftoverTempFiles removes the temp files of one path only, leaving other names alone', async () => {
  const folder = join(root, 'd');
  await mkdir(folder);
  await writeFileAtomic(join(folder, 'script.txt'), Buffer.from('kept'));
  // What a write cut short by kill -9 leaves: its temp file, written or not.
  for (const name of ['.script.txt.00968eb5.tmp', '.script.txt.87f83d18.tmp', '.other.txt.00968eb5.tmp', '.script.txt.notours.tmp', 'script.txt.tmp']) {
    await writeFileAtomic(join(folder, name), Buffer.from('x'));
  }
  assert.equal(await removeLeftoverTempFiles(join(folder, 'script.txt')), 2);
  assert.deepEqual((await readdir(folder)).sort(), ['.other.txt.00968eb5.tmp', '.script.txt.notours.tmp', 'script.txt', 'script.txt.tmp']);
  assert.equal(await removeLeftoverTempFiles(join(root, 'no-such-folder', 'script.txt')), 0);
});
