import { randomBytes } from 'node:crypto';
import { readdir, rmdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type Database from 'better-sqlite3';
import { isCode, removeIfExists, TEMP_SUFFIX, writeFileAtomic } from '../util/atomic-file.ts';
import { formatLocalClock, formatLocalDate } from './local-time.ts';
import { checkRetention, retentionVictims } from './retention.ts';
import type { RetentionPolicy } from './retention.ts';
import { isSnapshotId } from './snapshot-id.ts';
import type { Snapshot } from './source.ts';
import { prepareSnapshotSql } from './store-schema.ts';
import type { PathRow, SnapshotRow, SnapshotSql } from './store-schema.ts';

/** What the store needs; the caller owns the database and opened it in WAL mode. */
export interface SnapshotStoreOptions {
  db: Database.Database;
  /** Root folder; pictures go to `dir/YYYY-MM-DD/`. */
  dir: string;
  retention: RetentionPolicy;
  /** ms since the epoch, for retention by age; injectable for tests. */
  clock?: () => number;
  /** Told when retention after a save fails: the save itself succeeded. Default: console.error. */
  onRetentionError?: (error: unknown) => void;
}

/** Who and what a picture is, beside the JPEG itself. */
export interface SnapshotMeta {
  source: string;
  trigger: string;
}

/** Runs the index insert it is given (synchronously, inside a transaction of its own if it likes). */
export type IndexWrapper = (insert: () => SnapshotRecord) => SnapshotRecord;

/** One stored picture, as the index knows it. */
export interface SnapshotRecord {
  id: number;
  /** ms since the epoch. */
  takenAt: number;
  source: string;
  trigger: string;
  width: number;
  height: number;
  bytes: number;
}

/** A record and the absolute path of its JPEG. */
export interface StoredSnapshot {
  record: SnapshotRecord;
  path: string;
}

/** Which ids `list` returns: ids above `since`, at most `limit` (default 50, capped at 1000). */
export interface ListOptions {
  since?: number;
  limit?: number;
}

/** What `recover` cleaned up. */
export interface RecoveryReport {
  tempFiles: number;
  orphanFiles: number;
  missingRows: number;
}

export const LIST_DEFAULT_LIMIT = 50;
export const LIST_MAX_LIMIT = 1000;

// Only names the store made are ever built into paths or deleted.
const DATE_FOLDER = /^\d{4}-\d{2}-\d{2}$/;
const PICTURE_FILE = /^\d{6}-\d{3}-[0-9a-f]{6}\.jpg$/;
const REL_PATH = /^\d{4}-\d{2}-\d{2}\/\d{6}-\d{3}-[0-9a-f]{6}\.jpg$/;

/**
 * JPEG pictures on disk with an SQLite index and retention. A file is complete before its
 * row exists; `recover()` at start removes what a crash left between the two.
 * @example
 * const store = new SnapshotStore({ db, dir: '/var/lib/auxio/snapshots', retention: { maxCount: 1000 } });
 * await store.recover();
 * const record = await store.save(await camera.capture(), { source: camera.name, trigger: 'entry 1: /I1' });
 */
export class SnapshotStore {
  /** Absolute root folder. */
  readonly dir: string;
  readonly #db: Database.Database;
  readonly #sql: SnapshotSql;
  readonly #retention: Readonly<RetentionPolicy>;
  readonly #clock: () => number;
  readonly #onRetentionError: (error: unknown) => void;

  constructor(options: SnapshotStoreOptions) {
    this.dir = resolve(options.dir);
    this.#db = options.db;
    this.#retention = checkRetention(options.retention);
    this.#clock = options.clock ?? Date.now;
    this.#onRetentionError = options.onRetentionError ?? ((error) => console.error('snapshot retention failed', error));
    this.#sql = prepareSnapshotSql(options.db);
  }

  /**
   * Writes the picture durably, then indexes it, then applies retention. `indexWith` wraps the index
   * insert, so a caller can commit its own record of the picture (the journal's) in the same transaction.
   */
  async save(snapshot: Snapshot, meta: SnapshotMeta, indexWith: IndexWrapper = (insert) => insert()): Promise<SnapshotRecord> {
    checkSnapshot(snapshot);
    const takenAt = snapshot.capturedAt;
    const relPath = `${formatLocalDate(takenAt)}/${pictureName(takenAt)}`;
    const path = this.#absolute(relPath);
    await writeFileAtomic(path, snapshot.jpeg);
    const row = { taken_at: takenAt, source: meta.source, trigger_label: meta.trigger, width: snapshot.width,
      height: snapshot.height, bytes: snapshot.jpeg.length, rel_path: relPath };
    let record: SnapshotRecord;
    try {
      record = indexWith(() => toRecord({ id: Number(this.#sql.insert.run(row).lastInsertRowid), ...row }));
    } catch (error) {
      // A file without a row is an orphan; if this cleanup fails too, recover() removes it.
      await removeIfExists(path).catch(() => {});
      throw error;
    }
    await this.applyRetention().catch(this.#onRetentionError);
    return record;
  }

  /** The newest picture, if any. */
  latest(): StoredSnapshot | undefined {
    const row = this.#sql.latest.get();
    return row && this.#stored(row);
  }

  /** Records with id above `since`, ascending by id. */
  list(options: ListOptions = {}): SnapshotRecord[] {
    const since = options.since ?? 0;
    const limit = options.limit ?? LIST_DEFAULT_LIMIT;
    if (!Number.isSafeInteger(since) || since < 0) throw new RangeError(`since must be an id or 0, got ${since}`);
    if (!Number.isSafeInteger(limit) || limit < 1) throw new RangeError(`limit must be a positive integer, got ${limit}`);
    return this.#sql.list.all(since, Math.min(limit, LIST_MAX_LIMIT)).map(toRecord);
  }

  /** The picture with this id; throws a RangeError for anything but a positive integer. */
  get(id: number): StoredSnapshot | undefined {
    if (!isSnapshotId(id)) throw new RangeError(`snapshot id must be a positive integer, got ${id}`);
    const row = this.#sql.byId.get(id);
    return row && this.#stored(row);
  }

  /** Deletes the oldest pictures (file, then row) beyond the retention limits; returns how many. */
  async applyRetention(): Promise<number> {
    const victims = retentionVictims(this.#sql, this.#retention, this.#clock());
    for (const victim of victims) {
      // File first: a crash here leaves a row without a file, which recover() drops.
      await removeIfExists(this.#absolute(victim.rel_path));
      this.#sql.deleteById.run(victim.id);
    }
    return victims.length;
  }

  /**
   * Removes what a crash can leave: temp files, pictures without a row (crash between rename
   * and insert), rows without a picture, empty date folders. Call before the first save:
   * a save in flight has a file that has no row yet.
   */
  async recover(): Promise<RecoveryReport> {
    const report: RecoveryReport = { tempFiles: 0, orphanFiles: 0, missingRows: 0 };
    const indexed = new Set(this.#sql.allPaths.all().map((row) => row.rel_path));
    const present = new Set<string>();
    for (const folder of await this.#dateFolders()) {
      for (const name of await readdir(join(this.dir, folder))) {
        const relPath = `${folder}/${name}`;
        if (name.startsWith('.') && name.endsWith(TEMP_SUFFIX)) {
          await removeIfExists(join(this.dir, folder, name));
          report.tempFiles++;
        } else if (PICTURE_FILE.test(name) && !indexed.has(relPath)) {
          await removeIfExists(join(this.dir, folder, name));
          report.orphanFiles++;
        } else {
          present.add(relPath);
        }
      }
      await removeFolderIfEmpty(join(this.dir, folder));
    }
    report.missingRows = this.#dropRowsWithout(present);
    return report;
  }

  #dropRowsWithout(present: Set<string>): number {
    const missing = this.#sql.allPaths.all().filter((row: PathRow) => !present.has(row.rel_path));
    this.#db.transaction(() => missing.forEach((row) => this.#sql.deleteById.run(row.id)))();
    return missing.length;
  }

  async #dateFolders(): Promise<string[]> {
    try {
      const entries = await readdir(this.dir, { withFileTypes: true });
      return entries.filter((e) => e.isDirectory() && DATE_FOLDER.test(e.name)).map((e) => e.name);
    } catch (error) {
      if (isCode(error, 'ENOENT')) return [];
      throw error;
    }
  }

  #stored(row: SnapshotRow): StoredSnapshot {
    return { record: toRecord(row), path: this.#absolute(row.rel_path) };
  }

  // The only way a path is made: from a name this store generated, re-checked in case the index was edited.
  #absolute(relPath: string): string {
    if (!REL_PATH.test(relPath)) throw new Error(`snapshot index holds an invalid path: ${JSON.stringify(relPath)}`);
    return join(this.dir, ...relPath.split('/'));
  }
}

function toRecord(row: SnapshotRow): SnapshotRecord {
  return { id: row.id, takenAt: row.taken_at, source: row.source, trigger: row.trigger_label,
    width: row.width, height: row.height, bytes: row.bytes };
}

// Time keeps names sortable and readable; the random part keeps two saves in one ms apart.
function pictureName(takenAt: number): string {
  const clock = formatLocalClock(takenAt).replace(/:/g, '').replace('.', '-');
  return `${clock}-${randomBytes(3).toString('hex')}.jpg`;
}

function checkSnapshot(snapshot: Snapshot): void {
  const { jpeg, capturedAt } = snapshot;
  if (jpeg.length < 4 || jpeg[0] !== 0xff || jpeg[1] !== 0xd8) throw new TypeError('snapshot is not a JPEG (no SOI marker)');
  if (!Number.isFinite(capturedAt) || capturedAt < 0) throw new RangeError(`capturedAt must be ms since the epoch, got ${capturedAt}`);
}

async function removeFolderIfEmpty(folder: string): Promise<void> {
  try {
    await rmdir(folder);
  } catch (error) {
    if (!isCode(error, 'ENOTEMPTY') && !isCode(error, 'EEXIST') && !isCode(error, 'ENOENT')) throw error;
  }
}
