import { mkdir, statfs } from 'node:fs/promises';

/** Free bytes on the file system holding `dir`, as an unprivileged process may use them. */
export type FreeBytes = (dir: string) => Promise<number>;

export const freeBytesOf: FreeBytes = async (dir) => {
  const s = await statfs(dir);
  return s.bavail * s.bsize;
};

const RESUME_MARGIN_BYTES = 1024 * 1024;

export interface StorageState {
  full: boolean;
  freeBytes: number;
  minFreeBytes: number;
}

export interface DiskSpaceOptions {
  dir: string;
  /** Pictures stop below this, so the journal on the same disk always has room. */
  minFreeBytes: number;
  /** Told on every change between room and full (not on each check). */
  onChange: (state: StorageState) => void;
  freeBytes?: FreeBytes;
  /** How often to look again while full, so recovery is noticed without a picture being asked. */
  recheckMs?: number;
}

/**
 * Whether there is room for pictures. Pictures and the journal share the data dir's disk: pictures
 * are the part that can be given up, so they stop at a reserve and the I/O and journal keep running.
 */
export class DiskSpace {
  #state: StorageState;
  #timer: NodeJS.Timeout | null = null;
  /** After a failed write, room means this much more than there was then: a disk at the edge must not flap. */
  #resumeAbove = 0;
  readonly #freeBytes: FreeBytes;

  constructor(private readonly o: DiskSpaceOptions) {
    this.#freeBytes = o.freeBytes ?? freeBytesOf;
    this.#state = { full: false, freeBytes: Number.NaN, minFreeBytes: o.minFreeBytes };
  }

  get state(): StorageState {
    return this.#state;
  }

  async start(): Promise<void> {
    await mkdir(this.o.dir, { recursive: true });
    await this.hasRoom();
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
  }

  /** Looks now; true when a picture may be stored. */
  async hasRoom(): Promise<boolean> {
    let free: number;
    try {
      free = await this.#freeBytes(this.o.dir);
    } catch {
      return !this.#state.full; // cannot tell: keep the last verdict rather than flap
    }
    const full = free < Math.max(this.o.minFreeBytes, this.#resumeAbove);
    if (!full) this.#resumeAbove = 0;
    this.#set(full, free);
    return !full;
  }

  /** A write failed for want of space (ENOSPC, EDQUOT) although the last look said there was room. */
  async markFull(): Promise<void> {
    const free = await this.#freeBytes(this.o.dir).catch(() => 0);
    this.#resumeAbove = free + RESUME_MARGIN_BYTES;
    this.#set(true, free);
  }

  #set(full: boolean, freeBytes: number): void {
    const changed = full !== this.#state.full;
    this.#state = { full, freeBytes, minFreeBytes: this.o.minFreeBytes };
    if (!changed) return;
    if (full && this.#timer === null) {
      this.#timer = setInterval(() => void this.hasRoom(), this.o.recheckMs ?? 10_000);
      this.#timer.unref();
    }
    if (!full) this.stop();
    this.o.onChange(this.#state);
  }
}

/** Whether an error means the disk (or the user's quota) is full. */
export function isNoSpace(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'ENOSPC' || code === 'EDQUOT' || code === 'SQLITE_FULL';
}
