import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { JournalEvent, JournalKind, JournalQuery, NewJournalEvent } from './types.ts';

type Listener = (event: JournalEvent) => void;
type ErrorLogger = (owner: string, err: unknown, event: JournalEvent) => void;

/** Options for opening the journal. */
export interface JournalOptions {
  /** SQLite file path, or `:memory:`. */
  file: string;
  synchronous?: 'normal' | 'full';
  clock?: () => number;
  onListenerError?: ErrorLogger;
}

interface EventRow {
  seq: number;
  time: number;
  kind: string;
  channel: string | null;
  actor: string | null;
  data: string;
}

const MAX_QUERY = 1000;

/**
 * The append-only event journal and the bus: an entry is committed to SQLite first, then every
 * subscriber hears of it, in seq order. State that the entry implies (pulse totals, relay state) is
 * written in the same transaction, so a crash never separates an event from its effect.
 */
export class Journal {
  readonly db: Database.Database;
  readonly #clock: () => number;
  readonly #listeners = new Map<string, Listener>();
  readonly #onListenerError: ErrorLogger;
  readonly #insert: Database.Statement;
  readonly #putState: Database.Statement;
  readonly #getState: Database.Statement;
  readonly #appendTx: (event: NewJournalEvent, time: number, state: Record<string, unknown>) => number;
  readonly #withStep: (step: () => unknown) => unknown;
  readonly #putStateTx: (state: Record<string, unknown>) => void;

  constructor(options: JournalOptions) {
    if (options.file !== ':memory:') mkdirSync(dirname(options.file), { recursive: true });
    this.db = new Database(options.file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma(`synchronous = ${options.synchronous === 'full' ? 'FULL' : 'NORMAL'}`);
    this.db.pragma('busy_timeout = 5000');
    this.#clock = options.clock ?? Date.now;
    this.#onListenerError = options.onListenerError ?? (() => {});
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS events (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        time INTEGER NOT NULL,
        kind TEXT NOT NULL,
        channel TEXT,
        actor TEXT,
        data TEXT NOT NULL
      );
      CREATE INDEX IF NOT EXISTS events_channel ON events (channel, seq);
      CREATE INDEX IF NOT EXISTS events_kind ON events (kind, seq);
      CREATE TABLE IF NOT EXISTS state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    `);
    this.#insert = this.db.prepare(
      'INSERT INTO events (time, kind, channel, actor, data) VALUES (?, ?, ?, ?, ?)',
    );
    this.#putState = this.db.prepare(
      'INSERT INTO state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    );
    this.#getState = this.db.prepare('SELECT value FROM state WHERE key = ?');
    this.#appendTx = this.db.transaction((event: NewJournalEvent, time: number, state: Record<string, unknown>) => {
      const info = this.#insert.run(time, event.kind, event.channel ?? null, event.actor ?? null, JSON.stringify(event.data));
      this.#writeState(state);
      return Number(info.lastInsertRowid);
    });
    this.#putStateTx = this.db.transaction((state: Record<string, unknown>) => this.#writeState(state));
    this.#withStep = this.db.transaction((step: () => unknown) => step());
  }

  /** Commits one entry (and the state it implies), then tells every subscriber. */
  append<K extends JournalKind>(event: NewJournalEvent<K>, state: Record<string, unknown> = {}): JournalEvent<K> {
    const time = event.time ?? this.#clock();
    const seq = this.#appendTx(event as NewJournalEvent, time, state);
    return this.#publish(event, time, seq);
  }

  /**
   * Runs `step` (a write of another part to this database, e.g. the snapshot index) and appends the
   * entry that describes its result in one transaction: a crash keeps both or neither. Subscribers
   * hear of the entry after the commit, as with `append`.
   */
  appendWith<T, K extends JournalKind>(step: () => T, describe: (result: T) => NewJournalEvent<K>): { result: T; event: JournalEvent<K> } {
    let pending: { result: T; event: NewJournalEvent<K>; time: number; seq: number } | undefined;
    this.#withStep(() => {
      const result = step();
      const event = describe(result);
      const time = event.time ?? this.#clock();
      pending = { result, event, time, seq: this.#appendTx(event as NewJournalEvent, time, {}) };
    });
    const { result, event, time, seq } = pending!;
    return { result, event: this.#publish(event, time, seq) };
  }

  /** Writes state that no event describes (the input.txt interval), atomically. */
  putState(state: Record<string, unknown>): void {
    this.#putStateTx(state);
  }

  getState<T>(key: string): T | undefined {
    const row = this.#getState.get(key) as { value: string } | undefined;
    return row ? (JSON.parse(row.value) as T) : undefined;
  }

  /** Entries matching the query, ascending by seq unless `descending`. */
  query(q: JournalQuery = {}): JournalEvent[] {
    const where: string[] = [];
    const args: Array<string | number> = [];
    if (q.since !== undefined) (where.push('seq > ?'), args.push(q.since));
    if (q.before !== undefined) (where.push('seq < ?'), args.push(q.before));
    if (q.channel !== undefined) (where.push('channel = ?'), args.push(q.channel));
    if (q.kind !== undefined) (where.push('kind = ?'), args.push(q.kind));
    const limit = Math.min(Math.max(q.limit ?? 100, 1), MAX_QUERY);
    const sql = `SELECT seq, time, kind, channel, actor, data FROM events
      ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY seq ${q.descending ? 'DESC' : 'ASC'} LIMIT ${limit}`;
    return (this.db.prepare(sql).all(...args) as EventRow[]).map(toEvent);
  }

  /** The newest seq ever given (0 before the first entry), even when retention has pruned it. */
  lastSeq(): number {
    const row = this.db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'events'").get() as { seq: number } | undefined;
    return row?.seq ?? 0;
  }

  /** Registers a listener under an owner name; one listener per owner. Returns the unsubscribe. */
  subscribe(owner: string, listener: Listener): () => void {
    this.#listeners.set(owner, listener);
    return () => {
      if (this.#listeners.get(owner) === listener) this.#listeners.delete(owner);
    };
  }

  close(): void {
    this.#listeners.clear();
    if (this.db.open) this.db.close();
  }

  #writeState(state: Record<string, unknown>): void {
    for (const [key, value] of Object.entries(state)) this.#putState.run(key, JSON.stringify(value));
  }

  /** Tells every subscriber of a committed entry; returns the entry as stored. */
  #publish<K extends JournalKind>(event: NewJournalEvent<K>, time: number, seq: number): JournalEvent<K> {
    const stored = { seq, time, kind: event.kind, channel: event.channel ?? null, actor: event.actor ?? null, data: event.data } as JournalEvent<K>;
    for (const [owner, listener] of this.#listeners) {
      try {
        listener(stored as JournalEvent);
      } catch (err) {
        this.#onListenerError(owner, err, stored as JournalEvent);
      }
    }
    return stored;
  }
}

function toEvent(row: EventRow): JournalEvent {
  return {
    seq: row.seq,
    time: row.time,
    kind: row.kind as JournalKind,
    channel: row.channel,
    actor: row.actor,
    data: JSON.parse(row.data),
  } as JournalEvent;
}
