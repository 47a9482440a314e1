import type { Snapshot, SnapshotRequest, SnapshotSource } from './source.ts';

/** Time and timers, injectable so tests can drive the buffer without waiting. */
export interface FrameBufferClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** The real clock. */
export const realFrameBufferClock: FrameBufferClock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/** What a buffer needs: the scripts' `buffer_init -pre N -post N -interval MS`. */
export interface FrameBufferOptions {
  /** Started and stopped by its owner, not by the buffer. */
  source: SnapshotSource;
  /** Frames kept from before a trigger. */
  pre: number;
  /** Frames taken after a trigger. */
  post: number;
  /** Time from the start of one capture to the start of the next (later if a capture takes longer). */
  intervalMs: number;
  /** Passed to every capture, e.g. a size. */
  request?: SnapshotRequest;
  /** Told about each failed capture and how many failed in a row so far; a throw from it is ignored. */
  onCaptureError?: (err: unknown, inARow: number) => void;
  clock?: FrameBufferClock;
}

/** The longest wait between captures while they keep failing (a camera that is down). */
export const MAX_RETRY_MS = 5000;

/** Counts since construction. */
export interface FrameBufferStats {
  captured: number;
  failed: number;
  /** Triggers still collecting post-trigger frames. */
  pending: number;
}

interface Frame {
  /** Order in which the capture started. */
  seq: number;
  shot: Snapshot;
}

interface PendingTrigger {
  /** Frames from captures started at or after this seq are post-trigger frames. */
  firstPostSeq: number;
  pre: Snapshot[];
  post: Snapshot[];
  resolve: (frames: Snapshot[]) => void;
}

/**
 * The pre-/post-trigger image buffer (the AXIS scripts' `buffer_init`, `buffer_start`,
 * `buffer_stop`): captures a frame every `intervalMs` into a ring of the last `pre` frames, and
 * on a trigger hands over those plus the next `post` frames, while the ring keeps running.
 * A frame belongs to the side of the trigger on which its capture started, so a capture in flight
 * at the trigger counts as a pre-trigger frame. Memory: the ring's `pre` frames, plus at most
 * `pre + post` per pending trigger. While captures keep failing, the wait between them doubles up
 * to `MAX_RETRY_MS`, so a camera that is down is not asked five times a second for hours.
 * @example
 * const buffer = new FrameBuffer({ source: cam, pre: 5, post: 5, intervalMs: 200 });
 * buffer.start();
 * const frames = await buffer.trigger(); // 5 from the second before, 5 from the second after
 */
export class FrameBuffer {
  readonly #source: SnapshotSource;
  readonly #pre: number;
  readonly #post: number;
  readonly #intervalMs: number;
  readonly #request: SnapshotRequest | undefined;
  readonly #onCaptureError: ((err: unknown, inARow: number) => void) | undefined;
  readonly #clock: FrameBufferClock;
  #ring: Frame[] = [];
  readonly #pending = new Set<PendingTrigger>();
  #nextSeq = 0;
  #running = false;
  #timer: unknown;
  #inflight: Promise<void> | undefined;
  #captured = 0;
  #failed = 0;
  /** Failures since the last frame. */
  #failing = 0;

  constructor(options: FrameBufferOptions) {
    checkOptions(options);
    this.#source = options.source;
    this.#pre = options.pre;
    this.#post = options.post;
    this.#intervalMs = options.intervalMs;
    this.#request = options.request;
    this.#onCaptureError = options.onCaptureError;
    this.#clock = options.clock ?? realFrameBufferClock;
  }

  /** Starts capturing, the first frame at once (or when a capture left from before a stop() ends). */
  start(): void {
    if (this.#running) return;
    this.#running = true;
    // A capture still in flight schedules the next one itself; starting another would overlap it.
    if (this.#inflight === undefined) this.#tick();
  }

  /**
   * The `pre` frames captured before now (fewer if the buffer started recently), then the next
   * `post` frames, oldest first. On a buffer that is not running it resolves at once with the ring.
   */
  trigger(): Promise<Snapshot[]> {
    const pre = this.#ring.map((frame) => frame.shot);
    if (!this.#running || this.#post === 0) return Promise.resolve(pre);
    return new Promise((resolve) => {
      this.#pending.add({ firstPostSeq: this.#nextSeq, pre, post: [], resolve });
    });
  }

  /** Stops capturing; pending triggers resolve with what they have. Waits for a capture in flight. */
  async stop(): Promise<void> {
    this.#running = false;
    this.#clock.clearTimeout(this.#timer);
    this.#timer = undefined;
    for (const pending of this.#pending) pending.resolve([...pending.pre, ...pending.post]);
    this.#pending.clear();
    this.#ring = [];
    await this.#inflight;
  }

  get stats(): FrameBufferStats {
    return { captured: this.#captured, failed: this.#failed, pending: this.#pending.size };
  }

  /** One capture; the next is scheduled when it settles, so two never overlap. */
  #tick(): void {
    this.#timer = undefined;
    const seq = this.#nextSeq++;
    const startedAt = this.#clock.now();
    this.#inflight = this.#source.capture(this.#request).then(
      (shot) => this.#add({ seq, shot }),
      (err: unknown) => this.#fail(err),
    ).finally(() => {
      this.#inflight = undefined;
      if (!this.#running) return;
      const wait = Math.max(0, this.#period() - (this.#clock.now() - startedAt));
      this.#timer = this.#clock.setTimeout(() => this.#tick(), wait);
    });
  }

  /** The interval, or after two failures in a row and more, a back-off doubling up to MAX_RETRY_MS. */
  #period(): number {
    if (this.#failing < 2) return this.#intervalMs;
    return Math.min(this.#intervalMs * 2 ** Math.min(this.#failing - 1, 30), Math.max(this.#intervalMs, MAX_RETRY_MS));
  }

  #add(frame: Frame): void {
    this.#failing = 0;
    if (!this.#running) return; // stopped while it was captured
    this.#captured++;
    this.#ring.push(frame);
    if (this.#ring.length > this.#pre) this.#ring.shift();
    for (const pending of this.#pending) this.#offer(pending, frame);
  }

  #offer(pending: PendingTrigger, frame: Frame): void {
    if (frame.seq < pending.firstPostSeq) {
      pending.pre.push(frame.shot);
      if (pending.pre.length > this.#pre) pending.pre.shift();
      return;
    }
    pending.post.push(frame.shot);
    if (pending.post.length < this.#post) return;
    this.#pending.delete(pending);
    pending.resolve([...pending.pre, ...pending.post]);
  }

  #fail(err: unknown): void {
    this.#failed++;
    this.#failing++;
    try {
      this.#onCaptureError?.(err, this.#failing);
    } catch {
      // A broken logger must not stop the buffer.
    }
  }
}

function checkOptions(options: FrameBufferOptions): void {
  const count = (n: number) => Number.isInteger(n) && n >= 0;
  if (!count(options.pre) || !count(options.post)) throw new RangeError('pre and post must be non-negative integers');
  if (!(Number.isFinite(options.intervalMs) && options.intervalMs > 0)) throw new RangeError('intervalMs must be positive');
  if (typeof options.source?.capture !== 'function') throw new TypeError('source must be a SnapshotSource');
}
