import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { decode } from 'jpeg-js';
import { FrameBuffer, MAX_RETRY_MS, type FrameBufferClock } from './frame-buffer.ts';
import type { Snapshot, SnapshotSource } from './source.ts';
import { SyntheticSource } from './sources/synthetic.ts';

/** Lets promise chains and their `finally` handlers run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

/** Time that moves only when the test says so; due timers fire in order. */
class ManualClock implements FrameBufferClock {
  #now = 0;
  #nextId = 0;
  readonly #timers = new Map<number, { at: number; fn: () => void }>();

  now(): number {
    return this.#now;
  }

  setTimeout(fn: () => void, ms: number): unknown {
    this.#timers.set(++this.#nextId, { at: this.#now + ms, fn });
    return this.#nextId;
  }

  clearTimeout(handle: unknown): void {
    this.#timers.delete(handle as number);
  }

  async advance(ms: number): Promise<void> {
    const end = this.#now + ms;
    for (;;) {
      await settle();
      const due = [...this.#timers].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
      if (due === undefined) break;
      this.#timers.delete(due[0]);
      this.#now = due[1].at;
      due[1].fn();
    }
    this.#now = end;
    await settle();
  }
}

/**
 * A source whose frames say their number (`f0`, `f1`, ...): it tests the buffer's logic, not a
 * camera. Captures take `delayMs` of the manual clock; every `failEvery`-th one fails.
 */
class CountingSource implements SnapshotSource {
  readonly kind = 'counting';
  readonly name = 'counting';
  calls = 0;
  active = 0;
  maxActive = 0;

  constructor(
    private readonly clock: ManualClock,
    private readonly options: { delayMs?: number; failEvery?: number; down?: () => boolean } = {},
  ) {}
  /** When each capture started, by the manual clock. */
  readonly startedAt: number[] = [];

  async start(): Promise<void> {}
  async stop(): Promise<void> {}

  async capture(): Promise<Snapshot> {
    const n = this.calls++;
    this.startedAt.push(this.clock.now());
    this.active++;
    this.maxActive = Math.max(this.maxActive, this.active);
    const capturedAt = this.clock.now();
    if (this.options.delayMs) await new Promise<void>((resolve) => this.clock.setTimeout(resolve, this.options.delayMs!));
    this.active--;
    if (this.options.failEvery && (n + 1) % this.options.failEvery === 0) throw new Error(`capture ${n} failed`);
    if (this.options.down?.()) throw new Error(`capture ${n} failed: the camera is down`);
    return { jpeg: Buffer.from(`f${n}`), width: 1, height: 1, capturedAt };
  }
}

const names = (frames: Snapshot[]) => frames.map((f) => f.jpeg.toString());

interface Setup {
  pre?: number;
  post?: number;
  delayMs?: number;
  failEvery?: number;
  down?: () => boolean;
  onCaptureError?: (err: unknown) => void;
}

function setup(options: Setup = {}) {
  const clock = new ManualClock();
  const source = new CountingSource(clock, options);
  const { onCaptureError } = options;
  const buffer = new FrameBuffer({ source, pre: options.pre ?? 3, post: options.post ?? 2, intervalMs: 100, clock, onCaptureError });
  return { clock, source, buffer };
}

/** Stops the buffer, moving time on so that a slow capture in flight can finish. */
async function stopNow(buffer: FrameBuffer, clock: ManualClock): Promise<void> {
  const stopping = buffer.stop();
  await clock.advance(1000);
  await stopping;
}

/** Collects a trigger's result without awaiting it, so the test can move time meanwhile. */
function collect(promise: Promise<Snapshot[]>): { frames?: Snapshot[] } {
  const box: { frames?: Snapshot[] } = {};
  void promise.then((frames) => (box.frames = frames));
  return box;
}

describe('FrameBuffer', () => {
  test('hands over the last `pre` frames and the next `post` ones; the ring keeps running', async () => {
    const { clock, buffer } = setup();
    buffer.start();
    await clock.advance(950); // frames f0 (t=0) .. f9 (t=900)
    const result = collect(buffer.trigger());
    await clock.advance(100);
    assert.equal(result.frames, undefined, 'one post frame is not enough');
    await clock.advance(100);
    assert.deepEqual(names(result.frames!), ['f7', 'f8', 'f9', 'f10', 'f11']);
    const next = collect(buffer.trigger());
    await clock.advance(200);
    assert.deepEqual(names(next.frames!), ['f9', 'f10', 'f11', 'f12', 'f13']);
    await buffer.stop();
  });

  test('a failed capture is skipped and counted, never thrown', async () => {
    const errors: string[] = [];
    const onCaptureError = (err: unknown) => {
      errors.push((err as Error).message);
      throw new Error('a broken logger');
    };
    const { clock, buffer } = setup({ failEvery: 3, onCaptureError });
    buffer.start();
    await clock.advance(550); // f0..f5; f2 and f5 fail
    assert.deepEqual(buffer.stats, { captured: 4, failed: 2, pending: 0 });
    assert.deepEqual(errors, ['capture 2 failed', 'capture 5 failed']);
    const result = collect(buffer.trigger());
    await clock.advance(300); // f6, f7 (f8 fails)
    assert.deepEqual(names(result.frames!), ['f1', 'f3', 'f4', 'f6', 'f7']);
    await buffer.stop();
  });

  test('while captures keep failing the wait doubles up to MAX_RETRY_MS; the first frame brings the interval back', async () => {
    let down = true;
    const { clock, source, buffer } = setup({ down: () => down });
    buffer.start();
    await clock.advance(30_000);
    const gaps = source.startedAt.slice(1).map((at, i) => at - source.startedAt[i]!);
    // One failure is a blip: the interval holds. Two in a row and more: 200, 400 ... capped.
    assert.deepEqual(gaps.slice(0, 8), [100, 200, 400, 800, 1600, 3200, MAX_RETRY_MS, MAX_RETRY_MS]);
    assert.ok(gaps.every((gap) => gap <= MAX_RETRY_MS), gaps.join(', '));
    assert.deepEqual(buffer.stats, { captured: 0, failed: source.calls, pending: 0 });
    down = false;
    const calls = source.calls;
    await clock.advance(MAX_RETRY_MS + 1000);
    assert.deepEqual(source.startedAt.slice(calls + 1).map((at, i) => at - source.startedAt[calls + i]!).slice(0, 5), [100, 100, 100, 100, 100]);
    await buffer.stop();
  });

  test('a slow capture delays the next one instead of overlapping it', async () => {
    const { clock, source, buffer } = setup({ delayMs: 250 });
    buffer.start();
    await clock.advance(900);
    assert.equal(source.maxActive, 1);
    assert.equal(source.calls, 4, 'captures start at 0, 250, 500, 750: as soon as the previous ends');
    await stopNow(buffer, clock);
  });

  test('a capture in flight at the trigger counts as a pre-trigger frame', async () => {
    const { clock, buffer } = setup({ delayMs: 50 });
    buffer.start();
    await clock.advance(220); // f0, f1 done; f2 started at 200, in flight
    const result = collect(buffer.trigger());
    await clock.advance(300);
    assert.deepEqual(names(result.frames!), ['f0', 'f1', 'f2', 'f3', 'f4']);
    await stopNow(buffer, clock);
  });

  test('overlapping triggers each get their own frames', async () => {
    const { clock, buffer } = setup({ pre: 2, post: 3 });
    buffer.start();
    await clock.advance(250); // f0 f1 f2
    const first = collect(buffer.trigger());
    await clock.advance(100); // f3
    const second = collect(buffer.trigger());
    assert.equal(buffer.stats.pending, 2);
    await clock.advance(300); // f4 f5 f6
    assert.deepEqual(names(first.frames!), ['f1', 'f2', 'f3', 'f4', 'f5']);
    assert.deepEqual(names(second.frames!), ['f2', 'f3', 'f4', 'f5', 'f6']);
    await buffer.stop();
  });

  test('stop() resolves pending triggers with what they have and captures no more', async () => {
    const { clock, source, buffer } = setup({ post: 5 });
    buffer.start();
    await clock.advance(250);
    const result = collect(buffer.trigger());
    await clock.advance(100);
    await buffer.stop();
    await settle();
    assert.deepEqual(names(result.frames!), ['f0', 'f1', 'f2', 'f3']);
    const calls = source.calls;
    await clock.advance(1000);
    assert.equal(source.calls, calls);
    assert.deepEqual(await buffer.trigger(), [], 'the ring is emptied; a stopped buffer answers at once');
  });

  test('stop() waits for the capture in flight; start() again resumes one loop', async () => {
    const { clock, source, buffer } = setup({ delayMs: 50 });
    buffer.start();
    await clock.advance(10);
    let stopped = false;
    const stopping = buffer.stop().then(() => (stopped = true));
    await settle();
    assert.equal(stopped, false);
    await clock.advance(50);
    await stopping;
    buffer.start();
    await clock.advance(1000);
    // Restarted while the capture from before the stop is still in flight: still one loop.
    void buffer.stop();
    buffer.start();
    await clock.advance(1000);
    assert.equal(source.maxActive, 1);
    assert.equal(source.calls, 22, 'one capture every 100 ms over 2 s, plus the first');
    await stopNow(buffer, clock);
  });

  test('post 0 answers at once with the ring; pre 0 keeps no ring', async () => {
    const a = setup({ pre: 2, post: 0 });
    a.buffer.start();
    await a.clock.advance(450);
    assert.deepEqual(names(await a.buffer.trigger()), ['f3', 'f4']);
    await a.buffer.stop();
    const b = setup({ pre: 0, post: 2 });
    b.buffer.start();
    await b.clock.advance(450);
    const result = collect(b.buffer.trigger());
    await b.clock.advance(200);
    assert.deepEqual(names(result.frames!), ['f5', 'f6']);
    await b.buffer.stop();
  });

  test('bad options are refused', () => {
    const source = new SyntheticSource();
    assert.throws(() => new FrameBuffer({ source, pre: -1, post: 1, intervalMs: 10 }), RangeError);
    assert.throws(() => new FrameBuffer({ source, pre: 1, post: 1.5, intervalMs: 10 }), RangeError);
    assert.throws(() => new FrameBuffer({ source, pre: 1, post: 1, intervalMs: 0 }), RangeError);
  });

  test('with the synthetic source, in real time: frames in order on both sides of the trigger', async () => {
    const source = new SyntheticSource({ name: 'buffer' });
    const buffer = new FrameBuffer({ source, pre: 2, post: 2, intervalMs: 60, request: { width: 160, height: 120 } });
    buffer.start();
    await new Promise((resolve) => setTimeout(resolve, 300));
    const triggeredAt = Date.now();
    const frames = await buffer.trigger();
    await buffer.stop();
    assert.equal(frames.length, 4);
    const times = frames.map((f) => f.capturedAt);
    assert.deepEqual(times, [...times].sort((x, y) => x - y));
    assert.ok(times[1]! < triggeredAt && times[2]! >= triggeredAt - 1);
    for (const frame of frames) assert.deepEqual([decode(frame.jpeg).width, frame.width, frame.height], [160, 160, 120]);
  });
});
