import { watch, type FSWatcher } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { removeLeftoverTempFiles, writeFileAtomic } from '../util/atomic-file.ts';

/** What a new auxio's script file says: how to write one, and no entries. */
export const DEFAULT_SCRIPT = `# auxio's resident script (AXIS 200 CRON format). Edit it here or with PUT /api/v1/script.
# <minute> <hour> <day> <month> <weekday> [<event>] :
# command args;
# %
#
# Example: a picture and the lamp for 10 s whenever the door on input 1 opens.
# * * * * * /I1 :
# snapshot -relay on;
# sleep 10;
# relay -off;
# %
`;

/** The script on disk: read, written atomically, and watched for edits made by hand. */
export class ScriptFile {
  #watcher: FSWatcher | null = null;
  #timer: NodeJS.Timeout | null = null;

  constructor(readonly path: string) {}

  /** The script's text; a missing file is created with the default text. */
  async read(): Promise<string> {
    const text = await this.readIfThere();
    if (text !== null) return text;
    await this.write(DEFAULT_SCRIPT);
    return DEFAULT_SCRIPT;
  }

  /** The text, or null while there is no file (an editor between deleting and writing it). */
  async readIfThere(): Promise<string | null> {
    try {
      return await readFile(this.path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  }

  /** Deletes temp files of saves that a crash cut short; call at start, before any write. */
  async removeLeftovers(): Promise<void> {
    await removeLeftoverTempFiles(this.path);
  }

  write(text: string): Promise<void> {
    return writeFileAtomic(this.path, Buffer.from(text, 'utf8'));
  }

  /** Calls `onChange` (debounced) when the file is changed by anyone, auxio included. */
  watch(onChange: () => void): void {
    // The folder, not the file: an atomic rename replaces the file's inode, which a file watch loses.
    const name = basename(this.path);
    this.#watcher = watch(dirname(this.path), (_event, file) => {
      if (file !== name) return;
      if (this.#timer) clearTimeout(this.#timer);
      this.#timer = setTimeout(onChange, 100);
    });
    this.#watcher.on('error', () => this.unwatch());
  }

  unwatch(): void {
    this.#watcher?.close();
    this.#watcher = null;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
  }
}
