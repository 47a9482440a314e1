import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Suffix of in-flight files; anything ending in it after a crash is garbage. */
export const TEMP_SUFFIX = '.tmp';

/**
 * Writes `data` to `path` so that a reader or a crash sees either no file or the whole file:
 * temp file in the same folder (rename is only atomic within one file system), fsync, rename,
 * fsync the folder so the rename itself is durable. On failure the temp file is removed.
 */
export async function writeFileAtomic(path: string, data: Uint8Array, mode = 0o666): Promise<void> {
  const folder = dirname(path);
  await ensureFolder(folder);
  const temp = join(folder, `.${basename(path)}.${randomBytes(4).toString('hex')}${TEMP_SUFFIX}`);
  try {
    // 'wx': never clobber a file we did not create.
    // The mode is set at creation (less the umask), so a secret is never readable by others, even briefly.
    const handle = await open(temp, 'wx', mode);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (error) {
    await removeIfExists(temp);
    throw error;
  }
  await fsyncFolder(folder);
}

/**
 * Deletes the temp files that writes of `path` left when the process died mid-write (`kill -9`,
 * power loss); returns how many. Only for start-up: it would also delete a write in progress.
 */
export async function removeLeftoverTempFiles(path: string): Promise<number> {
  const prefix = `.${basename(path)}.`;
  let names: string[];
  try {
    names = await readdir(dirname(path));
  } catch (error) {
    if (isCode(error, 'ENOENT')) return 0;
    throw error;
  }
  const leftovers = names.filter((name) => name.startsWith(prefix) && /^[0-9a-f]{8}\.tmp$/.test(name.slice(prefix.length)));
  for (const name of leftovers) await removeIfExists(join(dirname(path), name));
  return leftovers.length;
}

/** Deletes `path`; a file that is already gone is not an error. */
export async function removeIfExists(path: string): Promise<void> {
  try {
    await unlink(path);
  } catch (error) {
    if (!isCode(error, 'ENOENT')) throw error;
  }
}

/** Flushes a folder's entries (creates, renames, deletes) to disk. */
export async function fsyncFolder(folder: string): Promise<void> {
  // Windows cannot open a directory for fsync; its rename durability is the file system's.
  if (process.platform === 'win32') return;
  const handle = await open(folder, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Whether `error` is a Node system error with this `code`. */
export function isCode(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code;
}

// A new folder's entry lives in its parent, so every parent of a folder created here is flushed.
async function ensureFolder(folder: string): Promise<void> {
  const created = await mkdir(folder, { recursive: true });
  if (created === undefined) return;
  for (let dir = folder; ; dir = dirname(dir)) {
    await fsyncFolder(dirname(dir));
    if (dir === created || dirname(dir) === dir) return;
  }
}
