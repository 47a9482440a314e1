// Shared set-up for the store tests: a temp folder, a WAL database file and fake JPEGs.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import Database from 'better-sqlite3';
import type { Snapshot } from './source.ts';
import { SnapshotStore } from './store.ts';
import type { SnapshotStoreOptions } from './store.ts';

/** A store on a fresh temp folder, removed after the test file. */
export interface StoreFixture {
  store: SnapshotStore;
  db: Database.Database;
  /** The store's picture root. */
  dir: string;
}

/** Opens a store the way the server will: its own database file in WAL mode. */
export async function openStore(options: Partial<Omit<SnapshotStoreOptions, 'db' | 'dir'>> = {}): Promise<StoreFixture> {
  const root = await mkdtemp(join(tmpdir(), 'auxio-snapshots-'));
  const db = new Database(join(root, 'auxio.db'));
  db.pragma('journal_mode = WAL');
  after(async () => {
    db.close();
    await rm(root, { recursive: true, force: true });
  });
  const dir = join(root, 'pictures');
  const store = new SnapshotStore({ retention: {}, ...options, db, dir });
  return { store, db, dir };
}

/** A buffer of `size` bytes that passes for a JPEG (SOI ... EOI), distinct per `seed`. */
export function fakeJpeg(size: number, seed = 0): Buffer {
  const jpeg = Buffer.alloc(size, seed & 0xff);
  jpeg.set([0xff, 0xd8], 0);
  jpeg.set([0xff, 0xd9], size - 2);
  return jpeg;
}

/** A 2x2 snapshot taken at `capturedAt`. */
export function fakeSnapshot(capturedAt: number, size = 100, seed = 0): Snapshot {
  return { jpeg: fakeJpeg(size, seed), width: 2, height: 2, capturedAt };
}

/** Every file (not folder) under `dir`, relative, sorted; [] if `dir` does not exist. */
export async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1))
    .sort();
}
