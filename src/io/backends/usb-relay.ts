import { execFile } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { constants } from 'node:fs';
import { open, stat, type FileHandle } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import type { IoBackend, IoBackendEvents } from '../backend.ts';
import { FaultTracker } from './fault-tracker.ts';

const execFileAsync = promisify(execFile);

/** Options of an LCUS-type (CH340) USB relay board. */
export interface UsbRelayOptions {
  /** The board's serial device (default /dev/ttyUSB0). A /dev/serial/by-id/… path keeps naming the board when it is plugged into another port. */
  path?: string;
  /** Relays on the board: 1, 2, 4 or 8 (LCUS-1 … LCUS-8); output N is channel N+1. */
  channels: 1 | 2 | 4 | 8;
  /** Line speed (default 9600, what LCUS boards speak). */
  baudRate?: number;
  /** How often the device path is checked while running (default 1000 ms): how soon an unplug or a return is seen. */
  presenceMs?: number;
  /** Least time between two frames (default 20 ms): some boards drop a frame that follows another at once. */
  frameGapMs?: number;
  /** The stty program (default `stty` from PATH). */
  stty?: string;
}

/**
 * One LCUS command: `A0 <channel> <state> <checksum>`, the checksum the low byte of the sum of the
 * first three (channel 1 on is `A0 01 01 A2`, off `A0 01 00 A1`).
 */
export function lcusFrame(channel: number, on: boolean): Buffer {
  const head = [0xa0, channel, on ? 0x01 : 0x00] as const;
  return Buffer.from([...head, (head[0] + head[1] + head[2]) & 0xff]);
}

/**
 * Relays on an LCUS USB board. The board cannot be read back, so auxio's own state is the truth:
 * every level written is kept, and whenever the board (re)appears all channels are sent again —
 * a board that was unplugged powers up with every relay off. While the device is missing the
 * backend is faulted and a write is kept and resolves at once; it is sent when the board returns.
 * Nothing is written at start: the hub's start-up policy is the first write, so no relay blips.
 * @example new UsbRelayBackend({ path: '/dev/serial/by-id/usb-1a86_USB_Serial-if00-port0', channels: 2 })
 */
export class UsbRelayBackend extends EventEmitter<IoBackendEvents> implements IoBackend {
  readonly kind = 'usb-relay';
  readonly inputCount = 0;
  readonly outputCount: number;
  readonly #o: Required<UsbRelayOptions>;
  readonly #levels: Array<0 | 1>;
  readonly #faults = new FaultTracker((fault) => this.emit('fault', fault));
  #handle: FileHandle | null = null;
  /** Which file was opened, to notice a re-plug that happened between two checks. */
  #device: { ino: number; rdev: number } | null = null;
  #timer: NodeJS.Timeout | null = null;
  #running = false;
  #lastFrameAt = 0;
  /** Opens, closes and writes run one at a time, in order. */
  #queue: Promise<unknown> = Promise.resolve();

  constructor(options: UsbRelayOptions) {
    super();
    if (![1, 2, 4, 8].includes(options.channels)) throw new RangeError(`channels ${options.channels} is not 1, 2, 4 or 8`);
    this.#o = { path: '/dev/ttyUSB0', baudRate: 9600, presenceMs: 1000, frameGapMs: 20, stty: 'stty', ...options };
    this.outputCount = options.channels;
    this.#levels = Array.from({ length: options.channels }, () => 0);
  }

  /** Opens the board if it is there (a missing board is a fault, not an error) and starts watching the path. */
  async start(): Promise<void> {
    if (this.#running) return;
    this.#running = true;
    await this.#enqueue(() => this.#attach(false));
    this.#timer = setInterval(() => void this.#enqueue(() => this.#check()), this.#o.presenceMs);
  }

  async stop(): Promise<void> {
    if (!this.#running) return;
    this.#running = false;
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    await this.#enqueue(() => this.#detach());
    this.#faults.clear();
  }

  /** The board has no inputs. */
  async readInputs(): Promise<Array<0 | 1>> {
    return [];
  }

  /** Sends the frame and resolves once the UART has had time to put it on the wire; while the board is missing, keeps the level for its return. */
  async writeOutput(output: number, level: 0 | 1): Promise<void> {
    if (!Number.isInteger(output) || output < 0 || output >= this.outputCount) throw new RangeError(`USB relay board has no output ${output + 1}`);
    await this.#enqueue(async () => {
      this.#levels[output] = level;
      if (!this.#handle) return;
      try {
        await this.#send(output, level);
      } catch (err) {
        await this.#lost(`${this.#o.path}: ${(err as Error).message}`);
      }
    });
  }

  #enqueue(op: () => Promise<void>): Promise<void> {
    const next = this.#queue.then(op, op);
    this.#queue = next.catch(() => {});
    return next;
  }

  /** The presence check: a vanished path is a loss; a path that came back (or now names another device) is reopened. */
  async #check(): Promise<void> {
    if (!this.#running) return;
    const now = await stat(this.#o.path).catch(() => null);
    if (this.#handle && (!now || now.ino !== this.#device?.ino || now.rdev !== this.#device?.rdev)) await this.#lost(`${this.#o.path} went away`);
    if (!this.#handle && now) await this.#attach(true);
  }

  /** Configures the line, opens it, and (after a loss) sends every channel's level again. */
  async #attach(resend: boolean): Promise<void> {
    const { path, baudRate, stty } = this.#o;
    try {
      await stat(path);
    } catch {
      this.#faults.set('device', `${path} is missing`);
      return;
    }
    try {
      // raw -echo as asked; cs8 -parenb -cstopb -crtscts make it 8N1 without flow control whatever
      // the port's last user left, so a stale RTS/CTS setting cannot stall the writes.
      await execFileAsync(stty, ['-F', path, String(baudRate), 'raw', '-echo', 'cs8', '-parenb', '-cstopb', '-crtscts']);
      // O_NOCTTY: the board must never become auxio's controlling terminal. O_NONBLOCK: a wedged
      // adapter makes a write fail instead of holding a thread of libuv's pool.
      const handle = await open(path, constants.O_RDWR | constants.O_NOCTTY | constants.O_NONBLOCK);
      const { ino, rdev } = await handle.stat();
      this.#handle = handle;
      this.#device = { ino, rdev };
      if (resend) for (let output = 0; output < this.outputCount; output++) await this.#send(output, this.#levels[output]!);
      this.#faults.set('device', null);
    } catch (err) {
      await this.#detach();
      this.#faults.set('device', `${path}: ${(err as Error).message.split('\n')[0]}`);
    }
  }

  async #lost(message: string): Promise<void> {
    await this.#detach();
    this.#faults.set('device', message);
  }

  async #detach(): Promise<void> {
    const handle = this.#handle;
    this.#handle = null;
    this.#device = null;
    await handle?.close().catch(() => {});
  }

  async #send(output: number, level: 0 | 1): Promise<void> {
    const handle = this.#handle;
    if (!handle) throw new Error('the device is not open');
    const gap = this.#lastFrameAt + this.#o.frameGapMs - Date.now();
    if (gap > 0) await sleep(gap);
    const frame = lcusFrame(output + 1, level === 1);
    const deadline = Date.now() + 1000;
    for (let sent = 0; sent < frame.length; ) {
      try {
        sent += (await handle.write(frame, sent)).bytesWritten;
      } catch (err) {
        // EAGAIN: the adapter's buffer is full for a moment (non-blocking fd); anything else is a loss.
        if ((err as NodeJS.ErrnoException).code !== 'EAGAIN' || Date.now() > deadline) throw err;
        await sleep(5);
      }
    }
    // The kernel has the bytes; the UART needs 10 bit times a byte to put them on the wire.
    await sleep(Math.ceil((frame.length * 10 * 1000) / this.#o.baudRate));
    this.#lastFrameAt = Date.now();
  }
}
