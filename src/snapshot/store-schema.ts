import type Database from 'better-sqlite3';

/** One row of `snapshots`, as SQLite returns it. */
export interface SnapshotRow {
  id: number;
  taken_at: number;
  source: string;
  trigger_label: string;
  width: number;
  height: number;
  bytes: number;
  rel_path: string;
}

/** A row id and the picture it points at, for deletions. */
export interface PathRow {
  id: number;
  rel_path: string;
}

// `trigger` is an SQL keyword, hence `trigger_label`.
const SCHEMA = `
  CREATE TABLE IF NOT EXISTS snapshots (
    id INTEGER PRIMARY KEY,
    taken_at INTEGER NOT NULL,
    source TEXT NOT NULL,
    trigger_label TEXT NOT NULL,
    width INTEGER NOT NULL,
    height INTEGER NOT NULL,
    bytes INTEGER NOT NULL,
    rel_path TEXT NOT NULL UNIQUE
  );
  CREATE INDEX IF NOT EXISTS snapshots_taken_at ON snapshots (taken_at);
`;

// Every retention query spares the newest row, so the picture just saved is never deleted.
const NOT_NEWEST = 'id < (SELECT MAX(id) FROM snapshots)';

/** Creates the table if missing and prepares every statement the store runs. */
export function prepareSnapshotSql(db: Database.Database) {
  db.exec(SCHEMA);
  return {
    insert: db.prepare<[Omit<SnapshotRow, 'id'>]>(
      `INSERT INTO snapshots (taken_at, source, trigger_label, width, height, bytes, rel_path)
       VALUES (@taken_at, @source, @trigger_label, @width, @height, @bytes, @rel_path)`,
    ),
    byId: db.prepare<[number], SnapshotRow>('SELECT * FROM snapshots WHERE id = ?'),
    latest: db.prepare<[], SnapshotRow>('SELECT * FROM snapshots ORDER BY id DESC LIMIT 1'),
    list: db.prepare<[number, number], SnapshotRow>('SELECT * FROM snapshots WHERE id > ? ORDER BY id LIMIT ?'),
    allPaths: db.prepare<[], PathRow>('SELECT id, rel_path FROM snapshots'),
    deleteById: db.prepare<[number]>('DELETE FROM snapshots WHERE id = ?'),
    olderThan: db.prepare<[number], PathRow>(
      `SELECT id, rel_path FROM snapshots WHERE taken_at < ? AND ${NOT_NEWEST}`,
    ),
    beyondCount: db.prepare<[number], PathRow>(
      `SELECT id, rel_path FROM snapshots
       WHERE id <= (SELECT id FROM snapshots ORDER BY id DESC LIMIT 1 OFFSET ?) AND ${NOT_NEWEST}`,
    ),
    beyondBytes: db.prepare<[number], PathRow>(
      `SELECT id, rel_path FROM (
         SELECT id, rel_path, SUM(bytes) OVER (ORDER BY id DESC) AS newer_bytes FROM snapshots
       ) WHERE newer_bytes > ? AND ${NOT_NEWEST}`,
    ),
  };
}

/** The prepared statements of one store. */
export type SnapshotSql = ReturnType<typeof prepareSnapshotSql>;
