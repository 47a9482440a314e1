import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { removeIfExists, writeFileAtomic } from './atomic-file.ts';

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
