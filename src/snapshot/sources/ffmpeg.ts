import type { Snapshot, SnapshotSource } from '../source.ts';
import { SnapshotSourceError, type SourceErrorCode } from '../source-error.ts';
import { redactSecrets } from '../../util/redact.ts';
import { FfmpegRun } from './ffmpeg-process.ts';
import { readJpegSize } from './jpeg-size.ts';

/** Options for a camera read through ffmpeg (RTSP, a V4L2 device, a file, a lavfi test source). */
export interface FfmpegSnapshotSourceOptions {
  name: string;
  /** What follows `-i`: `rtsp://cam/stream`, `/dev/video0`, `testsrc=size=640x480:rate=10`. */
  input: string;
  /**
   * Options placed before `-i`: `['-f', 'v4l2']`, `['-rtsp_transport', 'tcp']`; for a file or
   * lavfi input add `-re`, or ffmpeg reads it as fast as it can instead of in real time.
   */
  inputArgs?: string[];
  /** Frames per second kept from the input. Default 2. */
  fps?: number;
  /** Output size; one alone keeps the aspect ratio. Default: the input's size. */
  width?: number;
  height?: number;
  /** ffmpeg's `-q:v`, 2 (best) to 31. Default 5. */
  quality?: number;
  /** Default `ffmpeg` on the PATH. */
  ffmpegPath?: string;
  /** How long `capture()` waits for a frame. Default 10 000 ms (an RTSP camera can take seconds to start). */
  frameTimeoutMs?: number;
  /**
   * A frame this old is never handed over; `capture()` waits for the next one instead. Default three
   * frame intervals, at least 1 s. 0 makes every capture wait for a frame that arrives after it.
   */
  maxFrameAgeMs?: number;
  /** A bigger frame is dropped. Default 20 MB. */
  maxFrameBytes?: number;
  /** ms since the epoch, stamped on each frame as it arrives. */
  clock?: () => number;
}

/** What an ffmpeg source uses when its options leave them out. */
export const FFMPEG_SOURCE_DEFAULTS = {
  fps: 2,
  quality: 5,
  ffmpegPath: 'ffmpeg',
  frameTimeoutMs: 10_000,
  maxFrameBytes: 20 * 1024 * 1024,
  /** Restart back-off after an unexpected exit: doubles from the first to the last. */
  restartMinMs: 1000,
  restartMaxMs: 30_000,
} as const;

/** Health of the ffmpeg process, for status pages and tests. */
export interface FfmpegSourceStatus {
  running: boolean;
  pid: number | undefined;
  /** Restarts after unexpected exits since `start()`. */
  restarts: number;
  frames: number;
  /** Bytes of ffmpeg output that were not a usable frame. */
  droppedBytes: number;
  /** Why ffmpeg last failed: its last stderr line and how it exited, password removed. */
  lastError: string | undefined;
}

/**
 * ffmpeg's arguments: decode the input, keep `fps` frames a second, scale, and write MJPEG
 * (concatenated JPEGs) to stdout. Full-range yuvj420p is what every JPEG decoder expects.
 */
export function ffmpegArgs(options: FfmpegSnapshotSourceOptions): string[] {
  const fps = options.fps ?? FFMPEG_SOURCE_DEFAULTS.fps;
  const { width, height } = options;
  const scale = width === undefined && height === undefined ? [] : [`scale=${width ?? -2}:${height ?? -2}`];
  const filters = [`fps=${fps}`, ...scale, 'format=yuvj420p'].join(',');
  const quality = String(options.quality ?? FFMPEG_SOURCE_DEFAULTS.quality);
  const head = ['-hide_banner', '-nostdin', '-nostats', '-loglevel', 'error'];
  return [...head, ...(options.inputArgs ?? []), '-i', options.input, '-an', '-vf', filters, '-c:v', 'mjpeg', '-q:v', quality, '-f', 'image2pipe', 'pipe:1'];
}

interface Waiter {
  resolve: (shot: Snapshot) => void;
  reject: (err: Error) => void;
}

/**
 * A camera read by one long-running ffmpeg that streams MJPEG to auxio: the latest frame is kept,
 * so a capture costs at most one frame interval, never a process start. ffmpeg is restarted with
 * back-off (1 s doubling to 30 s) when it exits; meanwhile `capture()` fails at once with
 * UPSTREAM_UNREACHABLE and ffmpeg's last words. The size is fixed by the options; a request's
 * `width`, `height` and `quality` are ignored.
 * @example
 * const cam = new FfmpegSnapshotSource({ name: 'yard', input: 'rtsp://cam/stream1', inputArgs: ['-rtsp_transport', 'tcp'], width: 1280 });
 * await cam.start();
 * const shot = await cam.capture();
 */
export class FfmpegSnapshotSource implements SnapshotSource {
  readonly kind = 'ffmpeg';
  readonly name: string;
  readonly #options: FfmpegSnapshotSourceOptions;
  readonly #args: string[];
  readonly #secrets: string[];
  readonly #maxAgeMs: number;
  readonly #clock: () => number;
  #started = false;
  #run: FfmpegRun | undefined;
  #latest: Snapshot | undefined;
  readonly #waiters = new Set<Waiter>();
  #restartTimer: NodeJS.Timeout | undefined;
  #restartDelayMs: number = FFMPEG_SOURCE_DEFAULTS.restartMinMs;
  #restarts = 0;
  #frames = 0;
  #droppedBefore = 0;
  #lastError: string | undefined;

  constructor(options: FfmpegSnapshotSourceOptions) {
    checkOptions(options);
    this.name = options.name;
    this.#options = options;
    this.#args = ffmpegArgs(options);
    this.#secrets = inputSecrets(options.input);
    const fps = options.fps ?? FFMPEG_SOURCE_DEFAULTS.fps;
    this.#maxAgeMs = options.maxFrameAgeMs ?? Math.max(1000, 3000 / fps);
    this.#clock = options.clock ?? Date.now;
  }

  /** Spawns ffmpeg; resolves at once (a camera that is down must not stop auxio starting). */
  async start(): Promise<void> {
    if (this.#started) return;
    this.#started = true;
    this.#restarts = 0;
    this.#restartDelayMs = FFMPEG_SOURCE_DEFAULTS.restartMinMs;
    this.#spawn();
  }

  /** Ends ffmpeg and any pending restart; waiting captures reject with SOURCE_STOPPED. */
  async stop(): Promise<void> {
    this.#started = false;
    clearTimeout(this.#restartTimer);
    this.#restartTimer = undefined;
    this.#latest = undefined;
    this.#rejectWaiters('SOURCE_STOPPED', '');
    const run = this.#run;
    this.#run = undefined;
    if (run !== undefined) {
      await run.kill();
      this.#droppedBefore += run.droppedBytes;
    }
  }

  /** The latest frame if it is fresh enough, else the next one. */
  async capture(): Promise<Snapshot> {
    if (!this.#started) throw this.#error('SOURCE_STOPPED', ' (or never started)');
    const latest = this.#latest;
    if (latest !== undefined && this.#clock() - latest.capturedAt < this.#maxAgeMs) return latest;
    if (this.#run === undefined) throw this.#error('UPSTREAM_UNREACHABLE', this.#lastError ?? 'ffmpeg is not running');
    return this.#nextFrame();
  }

  get status(): FfmpegSourceStatus {
    return {
      running: this.#run !== undefined,
      pid: this.#run?.pid,
      restarts: this.#restarts,
      frames: this.#frames,
      droppedBytes: this.#droppedBefore + (this.#run?.droppedBytes ?? 0),
      lastError: this.#lastError,
    };
  }

  #spawn(): void {
    const run: FfmpegRun = new FfmpegRun({
      path: this.#options.ffmpegPath ?? FFMPEG_SOURCE_DEFAULTS.ffmpegPath,
      args: this.#args,
      maxFrameBytes: this.#options.maxFrameBytes ?? FFMPEG_SOURCE_DEFAULTS.maxFrameBytes,
      onFrame: (jpeg) => {
        if (run === this.#run) this.#onFrame(jpeg);
      },
      onExit: (how) => this.#onExit(run, how),
    });
    this.#run = run;
  }

  #onFrame(jpeg: Buffer): void {
    const size = readJpegSize(jpeg);
    if (size === undefined) return; // the splitter only passes whole JPEGs; one without a size is useless
    const shot = { jpeg, ...size, capturedAt: this.#clock() };
    this.#latest = shot;
    this.#frames++;
    // A frame proves the input works: the next failure starts the back-off afresh.
    this.#restartDelayMs = FFMPEG_SOURCE_DEFAULTS.restartMinMs;
    for (const waiter of this.#waiters) waiter.resolve(shot);
    this.#waiters.clear();
  }

  #onExit(run: FfmpegRun, how: string): void {
    if (run !== this.#run) return; // stopped on purpose
    this.#run = undefined;
    this.#latest = undefined;
    this.#droppedBefore += run.droppedBytes;
    const said = run.lastLine === undefined ? '' : `${run.lastLine} `;
    this.#lastError = redactSecrets(`${said}(ffmpeg exited: ${how})`, this.#secrets);
    this.#rejectWaiters('UPSTREAM_UNREACHABLE', this.#lastError);
    this.#restartTimer = setTimeout(() => this.#restart(), this.#restartDelayMs);
    this.#restartDelayMs = Math.min(this.#restartDelayMs * 2, FFMPEG_SOURCE_DEFAULTS.restartMaxMs);
  }

  #restart(): void {
    this.#restartTimer = undefined;
    if (!this.#started) return;
    this.#restarts++;
    this.#spawn();
  }

  #nextFrame(): Promise<Snapshot> {
    const timeoutMs = this.#options.frameTimeoutMs ?? FFMPEG_SOURCE_DEFAULTS.frameTimeoutMs;
    return new Promise<Snapshot>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiters.delete(waiter);
        reject(this.#error('UPSTREAM_TIMEOUT', String(timeoutMs)));
      }, timeoutMs);
      const waiter: Waiter = {
        resolve: (shot) => (clearTimeout(timer), resolve(shot)),
        reject: (err) => (clearTimeout(timer), reject(err)),
      };
      this.#waiters.add(waiter);
    });
  }

  #rejectWaiters(code: SourceErrorCode, detail: string): void {
    for (const waiter of this.#waiters) waiter.reject(this.#error(code, detail));
    this.#waiters.clear();
  }

  #error(code: SourceErrorCode, detail: string): SnapshotSourceError {
    return new SnapshotSourceError(code, { source: this.name, detail });
  }
}

/** The password of an input URL, to scrub from ffmpeg's messages (which echo the URL). */
function inputSecrets(input: string): string[] {
  try {
    const password = new URL(input).password;
    return password === '' ? [] : [decodeURIComponent(password), password];
  } catch {
    return [];
  }
}

function checkOptions(options: FfmpegSnapshotSourceOptions): void {
  const positive = (value: number | undefined) => value === undefined || (Number.isFinite(value) && value > 0);
  const size = (value: number | undefined) => value === undefined || (Number.isInteger(value) && value > 0);
  if (typeof options.input !== 'string' || options.input === '') throw new TypeError('input must be a non-empty string');
  if (!positive(options.fps)) throw new RangeError('fps must be a positive number');
  if (!size(options.width) || !size(options.height)) throw new RangeError('width and height must be positive integers');
  const q = options.quality;
  if (q !== undefined && !(Number.isInteger(q) && q >= 2 && q <= 31)) throw new RangeError('quality (ffmpeg -q:v) must be 2 to 31');
}
