import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, constants, existsSync, mkdtempSync, openSync, readdirSync, readlinkSync, realpathSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ReadStream } from 'node:tty';

/** Where Debian puts socat; PATH is tried when it is not there. */
const SOCAT = ['/usr/bin/socat'].find(existsSync) ?? 'socat';

/**
 * Two pseudo-terminals joined by socat: what is written to `a` comes out of `b` and back. The
 * backend opens `a` as it would /dev/ttyUSB0; the test plays the device on `b`.
 */
export interface PtyPair {
  /** The device path the backend is given (a symlink socat makes to its pty). */
  a: string;
  /** The peer's end. */
  b: string;
  /** The device goes away: socat ends and removes both links, as an unplugged USB adapter's node vanishes. */
  stop(): Promise<void>;
  /** The device comes back under the same paths (new ptys behind them). */
  start(): Promise<void>;
  close(): Promise<void>;
}

export async function startPtyPair(): Promise<PtyPair> {
  const dir = mkdtempSync(join(tmpdir(), 'auxio-pty-'));
  const a = join(dir, 'ttyA');
  const b = join(dir, 'ttyB');
  let child: ChildProcess | null = null;

  const start = async (): Promise<void> => {
    const proc = spawn(SOCAT, ['-d', '-d', `pty,raw,echo=0,link=${a}`, `pty,raw,echo=0,link=${b}`], { stdio: ['ignore', 'ignore', 'pipe'] });
    child = proc;
    let log = '';
    proc.stderr!.on('data', (d: Buffer) => (log += d.toString()));
    const deadline = Date.now() + 5000;
    // socat -d -d logs this once both ptys exist and it relays between them.
    while (!log.includes('starting data transfer loop')) {
      if (proc.exitCode !== null) throw new Error(`socat exited with ${proc.exitCode}:\n${log}`);
      if (Date.now() > deadline) throw new Error(`socat did not make its ptys within 5 s:\n${log}`);
      await sleep(10);
    }
  };

  const stop = async (): Promise<void> => {
    const proc = child;
    child = null;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
    // SIGTERM, not SIGKILL: socat removes its links on a clean exit.
    proc.kill('SIGTERM');
    await exited;
  };

  await start();
  return { a, b, stop, start, close: async () => (await stop(), rmSync(dir, { recursive: true, force: true })) };
}

/** File descriptors of this process that are open on `path`'s device (for "stop closed it" checks). */
export function openFdsOn(path: string): number[] {
  let device: string;
  try {
    device = realpathSync(path);
  } catch {
    return [];
  }
  return readdirSync('/proc/self/fd')
    .map(Number)
    .filter((fd) => {
      try {
        return readlinkSync(`/proc/self/fd/${fd}`) === device;
      } catch {
        return false;
      }
    });
}

/** The test's end of the line: collects every byte the backend sends. */
export class PtyPeer {
  readonly #fd: number;
  readonly #stream: ReadStream;
  #bytes = Buffer.alloc(0);
  #lastAt = Date.now();

  constructor(path: string) {
    // O_NOCTTY: a pty must never become the test runner's controlling terminal.
    this.#fd = openSync(path, constants.O_RDWR | constants.O_NOCTTY);
    // A tty stream reads without blocking a libuv pool thread (an fs stream would hold one per peer).
    this.#stream = new ReadStream(this.#fd);
    this.#stream.on('data', (chunk) => ((this.#bytes = Buffer.concat([this.#bytes, chunk as Buffer])), (this.#lastAt = Date.now())));
    // The pair going away makes the read fail with EIO: that is the end of this peer, not an error.
    this.#stream.on('error', () => {});
  }

  /** Everything received so far. */
  bytes(): Buffer {
    return this.#bytes;
  }

  /** Waits until `count` bytes have come (or `ms` passed), then until the line is quiet for `quietMs`. */
  async receive(count: number, ms = 2000, quietMs = 30): Promise<Buffer> {
    const deadline = Date.now() + ms;
    while (this.#bytes.length < count && Date.now() < deadline) await sleep(5);
    while (Date.now() - this.#lastAt < quietMs) await sleep(5);
    return this.#bytes;
  }

  send(bytes: Buffer): void {
    writeSync(this.#fd, bytes);
  }

  close(): void {
    this.#stream.destroy();
    try {
      closeSync(this.#fd);
    } catch {
      // already gone with its pty
    }
  }
}
