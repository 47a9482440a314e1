import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

// libgpiod 1.6's command-line tools (Debian bookworm's `gpiod`), as auxio calls them. Node has no
// ioctl, and a native addon would need libgpiod-dev at install; these tools are the kernel's GPIO
// character device with nothing in between, and their output formats are stable within 1.x.

export type Bias = 'pull-up' | 'pull-down' | 'disable';

/** Where a line is: the chip gpiofind (or the config) names, and the offset on it. */
export interface LineAddress {
  chip: string;
  offset: number;
}

/** One `gpiomon --format='%e %o %s %n'` line: edge, offset, kernel timestamp. */
export interface MonitorEvent {
  rising: boolean;
  offset: number;
  /** The kernel's timestamp in ns (CLOCK_MONOTONIC since Linux 5.7, CLOCK_REALTIME before). */
  ns: bigint;
}

/** %e is 1 rising / 0 falling; %n is printed with %ld, not zero-padded (libgpiod 1.6 gpiomon.c). */
export const MONITOR_FORMAT = '%e %o %s %n';

export function parseMonitorLine(line: string): MonitorEvent | null {
  const m = /^([01]) (\d+) (\d+) (\d+)$/.exec(line.trim());
  if (!m) return null;
  return { rising: m[1] === '1', offset: Number(m[2]), ns: BigInt(m[3]!) * 1_000_000_000n + BigInt(m[4]!) };
}

const DAY_NS = 86_400_000_000_000n;

/**
 * The kernel's event time as ms since the epoch. Linux ≥ 5.7 stamps line events with
 * CLOCK_MONOTONIC (before: CLOCK_REALTIME); a stamp within a day of the wall clock is taken as
 * realtime, any other as monotonic and moved onto the wall clock through process.hrtime, which
 * reads the same CLOCK_MONOTONIC.
 */
export function kernelTimeToEpochMs(ns: bigint): number {
  const wallNs = BigInt(Date.now()) * 1_000_000n;
  const fromWall = ns - wallNs;
  if (fromWall > -DAY_NS && fromWall < DAY_NS) return Number(ns) / 1e6;
  return Date.now() + Number(ns - process.hrtime.bigint()) / 1e6;
}

/** Runs and spawns the tools from `dir` (default: PATH). */
export class GpioTools {
  readonly #dir: string | undefined;

  constructor(dir?: string) {
    this.#dir = dir;
  }

  #path(tool: string): string {
    return this.#dir ? join(this.#dir, tool) : tool;
  }

  /** Runs a tool to its end; rejects with the tool's own complaint (its stderr) when it fails. */
  run(tool: string, args: string[], timeoutMs = 5000): Promise<string> {
    return new Promise((resolve, reject) => {
      execFile(this.#path(tool), args, { timeout: timeoutMs }, (err, stdout, stderr) => {
        if (!err) return resolve(stdout);
        const said = stderr.trim() || (err.killed ? `${tool} timed out after ${timeoutMs} ms` : err.message);
        reject(new Error(said));
      });
    });
  }

  /** `gpiofind NAME` prints "gpiochipN OFFSET"; it exits 1 and prints nothing when no line has that name. */
  async find(name: string): Promise<LineAddress> {
    const out = await this.run('gpiofind', [name]).catch(() => '');
    const m = /^(\S+) (\d+)\s*$/.exec(out);
    if (!m) throw new Error(`no GPIO line is named "${name}" (gpiofind found none)`);
    return { chip: m[1]!, offset: Number(m[2]) };
  }

  /** `gpioget` prints the values in the order asked, space-separated. It fails while anyone holds a line. */
  async get(chip: string, offsets: number[], flags: string[]): Promise<Array<0 | 1>> {
    const out = await this.run('gpioget', [...flags, chip, ...offsets.map(String)]);
    const values = out.trim().split(/\s+/);
    if (values.length !== offsets.length || values.some((v) => v !== '0' && v !== '1')) throw new Error(`gpioget printed "${out.trim()}"`);
    return values.map((v) => (v === '1' ? 1 : 0));
  }

  /** gpiomon, line-buffered: a pipe is otherwise block-buffered by stdio and events would sit in it. */
  monitor(chip: string, offsets: number[], flags: string[]): ChildProcess {
    return spawn(this.#path('gpiomon'), [`--format=${MONITOR_FORMAT}`, '--line-buffered', ...flags, chip, ...offsets.map(String)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  }

  /**
   * gpioset in wait mode: it holds the line until a newline or end of its stdin. That end comes
   * also when auxio dies, however it dies, so a crash never leaves a relay held by an orphan (a
   * --mode=signal gpioset would outlive a kill -9 and keep the line busy for the next start).
   */
  hold(chip: string, offset: number, level: 0 | 1, flags: string[]): ChildProcess {
    const proc = spawn(this.#path('gpioset'), ['--mode=wait', ...flags, chip, `${offset}=${level}`], { stdio: ['pipe', 'ignore', 'pipe'] });
    // A gpioset that died before its newline makes the write fail with EPIPE: its exit says why.
    proc.stdin!.on('error', () => {});
    return proc;
  }

  /**
   * Resolves once `gpioinfo` shows every offset requested by `consumer` (the tools never say when
   * they have their lines; a v1 request sets an output's value in the same ioctl, so an output
   * shown as held is at its level). Rejects with the tool's stderr if it exits first.
   */
  async waitHeld(proc: ChildProcess, tool: string, chip: string, offsets: number[], timeoutMs: number): Promise<void> {
    let stderr = '';
    proc.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = (): boolean => proc.exitCode !== null || proc.signalCode !== null;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (exited()) throw new Error(stderr.trim() || `${tool} exited with ${proc.exitCode ?? proc.signalCode}`);
      const info = await this.run('gpioinfo', [chip]).catch(() => '');
      const held = heldLines(info, tool);
      if (offsets.every((o) => held.has(o))) return;
      if (Date.now() > deadline) throw new Error(`${tool} did not take ${chip} lines ${offsets.join(',')} within ${timeoutMs} ms`);
      await sleep(5);
    }
  }
}

/** Offsets that gpioinfo shows as used by `consumer`: `\tline  17:  "name"  "gpioset"  output  active-high [used]`. */
function heldLines(info: string, consumer: string): Set<number> {
  const held = new Set<number>();
  for (const m of info.matchAll(/^\s*line\s+(\d+):\s+(?:"[^"]*"|unnamed)\s+"([^"]*)"\s+(input|output)\s.*\bused\b/gm)) {
    if (m[2] === consumer) held.add(Number(m[1]));
  }
  return held;
}

/** Ends a tool: SIGTERM (gpiomon), or a newline on stdin (gpioset --mode=wait); SIGKILL if it lingers. */
export async function endProcess(proc: ChildProcess | null, how: 'SIGTERM' | 'stdin'): Promise<void> {
  if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  if (how === 'stdin') proc.stdin?.end('\n');
  else proc.kill('SIGTERM');
  const timer = setTimeout(() => proc.kill('SIGKILL'), 2000);
  await exited;
  clearTimeout(timer);
}
