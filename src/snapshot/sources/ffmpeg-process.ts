import { spawn, type ChildProcess } from 'node:child_process';
import { MjpegSplitter } from './mjpeg-splitter.ts';

/** What one ffmpeg run needs. */
export interface FfmpegRunOptions {
  path: string;
  args: string[];
  maxFrameBytes: number;
  onFrame: (jpeg: Buffer) => void;
  /** Called once, when the process has ended and its output is read: `code 1`, `signal SIGKILL`, `spawn ffmpeg ENOENT`. */
  onExit: (how: string) => void;
}

/** Longest stderr line kept; ffmpeg's are short, a runaway one is cut. */
const MAX_LINE = 300;
/** How long `kill()` lets ffmpeg finish on SIGTERM before SIGKILL. */
const KILL_GRACE_MS = 2000;

/**
 * One ffmpeg process: its stdout split into JPEG frames, the last line of its stderr kept for
 * error messages. Restarting is the caller's business: a run ends once.
 */
export class FfmpegRun {
  readonly #child: ChildProcess;
  readonly #splitter: MjpegSplitter;
  readonly #exited: Promise<void>;
  #partial = '';
  #spawnError: string | undefined;
  /** The last non-empty line ffmpeg wrote to stderr, if any. */
  lastLine: string | undefined;

  constructor(options: FfmpegRunOptions) {
    this.#splitter = new MjpegSplitter({ maxFrameBytes: options.maxFrameBytes, onFrame: options.onFrame });
    this.#child = spawn(options.path, options.args, { stdio: ['ignore', 'pipe', 'pipe'] });
    this.#child.stdout?.on('data', (chunk: Buffer) => this.#splitter.push(chunk));
    this.#child.stderr?.setEncoding('utf8');
    this.#child.stderr?.on('data', (text: string) => this.#readStderr(text));
    // Without a listener a failed spawn (no ffmpeg at that path) would crash the process.
    this.#child.on('error', (err) => {
      this.#spawnError ??= err.message;
    });
    // 'close', not 'exit': it comes after stdout is drained, so no frame is lost. It also follows a failed spawn.
    this.#exited = new Promise((resolve) => {
      this.#child.on('close', (code, signal) => {
        this.#flushStderr();
        options.onExit(this.#spawnError ?? (signal === null ? `code ${code}` : `signal ${signal}`));
        resolve();
      });
    });
  }

  /** The process id; undefined when the spawn failed. */
  get pid(): number | undefined {
    return this.#child.pid;
  }

  /** Bytes the splitter threw away: non-JPEG output and oversized frames. */
  get droppedBytes(): number {
    return this.#splitter.droppedBytes;
  }

  /** Ends the process (SIGTERM, then SIGKILL after a grace period); resolves once it is gone. */
  async kill(): Promise<void> {
    if (this.#child.exitCode !== null || this.#child.signalCode !== null || this.#child.pid === undefined) {
      return this.#exited;
    }
    this.#child.kill('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), KILL_GRACE_MS);
    });
    const outcome = await Promise.race([this.#exited, grace]);
    clearTimeout(timer);
    if (outcome === 'late') this.#child.kill('SIGKILL');
    return this.#exited;
  }

  #readStderr(text: string): void {
    // ffmpeg ends progress lines with \r; either ending completes a line.
    const lines = (this.#partial + text).split(/\r\n|\r|\n/);
    this.#partial = (lines.pop() ?? '').slice(-MAX_LINE);
    for (const line of lines) this.#keep(line);
  }

  #flushStderr(): void {
    this.#keep(this.#partial);
    this.#partial = '';
  }

  #keep(line: string): void {
    const trimmed = line.trim();
    if (trimmed !== '') this.lastLine = trimmed.slice(0, MAX_LINE);
  }
}
