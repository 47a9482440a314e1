import type { Journal } from '../journal/index.ts';
import type { Snapshot, SnapshotRequest, SnapshotSource } from './source.ts';
import type { SnapshotRecord, SnapshotStore } from './store.ts';
import { DiskSpace, isNoSpace, type FreeBytes, type StorageState } from './disk-space.ts';

/** What a script or a request asks for: a picture from a source, stored with what caused it. */
export interface TakeRequest extends SnapshotRequest {
  /** A configured source's name; the default source when absent. */
  source?: string;
  /** What caused it, drawn on synthetic pictures and stored: `entry 1: /I1`, `http:root`. */
  label: string;
  /** Who asked, for the journal. */
  actor: string;
}

/** The narrow capability to take and read pictures: what scripts and HTTP get. */
export interface SnapshotTaker {
  take(request: TakeRequest): Promise<SnapshotRecord>;
  /** Stores frames taken earlier (the pre-trigger buffer's), oldest first. */
  storeFrames(frames: Snapshot[], meta: { source: string; label: string; actor: string }): Promise<SnapshotRecord[]>;
  source(name?: string): SnapshotSource | undefined;
}

/** A picture could not be had: the source is unknown, or it failed. */
export class SnapshotError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface SnapshotServiceOptions {
  sources: SnapshotSource[];
  defaultSource: string;
  store: SnapshotStore;
  journal: Journal;
  /** The picture size asked of sources when a request names none. */
  size?: { width: number; height: number };
  /** Pictures stop while the disk has less free (default 0: only a failed write stops them). */
  minFreeBytes?: number;
  /** Told when pictures stop for want of room, and when they can be stored again. */
  onStorageChange?: (state: StorageState) => void;
  freeBytes?: FreeBytes;
  recheckMs?: number;
}

/** What a refused picture says while the disk is full. */
export function storageFullMessage(state: StorageState): string {
  const mb = (n: number): string => `${(n / 1048576).toFixed(1)} MB`;
  return `the disk is full (${mb(state.freeBytes)} free): pictures are not stored until ${mb(state.minFreeBytes)} are free; the I/O and the journal keep running`;
}

/**
 * The snapshot pipeline: source → JPEG → store, each stored picture journaled (and each failure,
 * so a door that opened with a broken camera is still on record).
 */
export class SnapshotService implements SnapshotTaker {
  readonly #sources: Map<string, SnapshotSource>;
  readonly #defaultSource: string;
  readonly #store: SnapshotStore;
  readonly #journal: Journal;
  readonly #size: { width?: number; height?: number };
  readonly #space: DiskSpace;

  constructor(options: SnapshotServiceOptions) {
    this.#space = new DiskSpace({
      dir: options.store.dir,
      minFreeBytes: options.minFreeBytes ?? 0,
      freeBytes: options.freeBytes,
      recheckMs: options.recheckMs,
      onChange: (state) => {
        options.journal.append({ kind: 'storage', actor: null, data: { ...state } });
        options.onStorageChange?.(state);
      },
    });
    this.#size = options.size ?? {};
    this.#sources = new Map(options.sources.map((s) => [s.name, s]));
    this.#defaultSource = options.defaultSource;
    this.#store = options.store;
    this.#journal = options.journal;
  }

  get store(): SnapshotStore {
    return this.#store;
  }

  /** The picture size asked of sources when a request names none. */
  get size(): { width?: number; height?: number } {
    return this.#size;
  }

  /** Whether pictures are being stored, and the free space last seen. */
  get storage(): StorageState {
    return this.#space.state;
  }

  async start(): Promise<void> {
    await this.#space.start();
    await this.#store.recover();
    for (const source of this.#sources.values()) await source.start();
  }

  async stop(): Promise<void> {
    this.#space.stop();
    for (const source of this.#sources.values()) await source.stop();
  }

  source(name?: string): SnapshotSource | undefined {
    return this.#sources.get(name ?? this.#defaultSource);
  }

  /** A picture straight from a source, not stored (image.cgi). */
  async capture(request: SnapshotRequest & { source?: string }): Promise<Snapshot> {
    return this.#sourceOrThrow(request.source).capture({ ...this.#size, ...request });
  }

  async take(request: TakeRequest): Promise<SnapshotRecord> {
    const name = request.source ?? this.#defaultSource;
    try {
      const source = this.#sourceOrThrow(name);
      await this.#ensureRoom(); // before the camera is asked: no picture taken only to be thrown away
      const snapshot = await source.capture({ ...this.#size, ...request });
      return await this.#save(snapshot, { source: source.name, label: request.label, actor: request.actor });
    } catch (err) {
      this.journalFailure(err, { source: name, label: request.label, actor: request.actor });
      throw err;
    }
  }

  /** Records a picture that could not be had, so a door that opened with a broken camera is on record. */
  journalFailure(err: unknown, meta: { source: string; label: string; actor: string }): void {
    const code = typeof (err as { code?: unknown }).code === 'string' ? (err as { code: string }).code : 'SNAPSHOT_FAILED';
    const message = (err as Error).message ?? String(err);
    this.#journal.append({ kind: 'snapshot_failed', actor: meta.actor, data: { source: meta.source, trigger: meta.label, code, message } });
  }

  async storeFrames(frames: Snapshot[], meta: { source: string; label: string; actor: string }): Promise<SnapshotRecord[]> {
    await this.#ensureRoom();
    const records: SnapshotRecord[] = [];
    for (const frame of frames) records.push(await this.#save(frame, meta));
    return records;
  }

  async #ensureRoom(): Promise<void> {
    if (!(await this.#space.hasRoom())) throw new SnapshotError('STORAGE_FULL', storageFullMessage(this.#space.state));
  }

  async #save(snapshot: Snapshot, meta: { source: string; label: string; actor: string }): Promise<SnapshotRecord> {
    // The index row and its journal entry are one transaction: no picture the journal never heard of.
    const journaled = (insert: () => SnapshotRecord): SnapshotRecord =>
      this.#journal.appendWith(insert, ({ id, source, trigger, bytes, width, height }) => ({
        kind: 'snapshot' as const,
        actor: meta.actor,
        data: { id, source, trigger, bytes, width, height },
      })).result;
    try {
      return await this.#store.save(snapshot, { source: meta.source, trigger: meta.label }, journaled);
    } catch (err) {
      if (!isNoSpace(err)) throw err;
      await this.#space.markFull();
      throw new SnapshotError('STORAGE_FULL', storageFullMessage(this.#space.state));
    }
  }

  #sourceOrThrow(name: string | undefined): SnapshotSource {
    const source = this.source(name);
    if (!source) throw new SnapshotError('UNKNOWN_SOURCE', `no snapshot source named "${name}"`);
    return source;
  }
}
