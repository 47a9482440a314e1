// How much memory another process holds, as the kernel counts it: what an operator's `top` shows,
// and what a queue that grows without bound during an outage would push up.
import { readFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * The resident set size of process `pid` in bytes (`VmRSS` in /proc/PID/status; Linux only).
 * @example const before = residentBytes(server.process.pid!);
 */
export function residentBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const m = /^VmRSS:\s+(\d+) kB$/m.exec(status);
  if (!m) throw new Error(`no VmRSS in /proc/${pid}/status`);
  return Number(m[1]) * 1024;
}

/** Bytes as MB with one decimal, for messages. */
export function mb(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(1)} MB`;
}

/** This process's JS heap plus Buffers (which live outside it), after full collections. */
export function heapAfterGc(): number {
  // Tests run without --expose-gc; the flag set late still hands out gc() in a fresh context.
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  gc();
  gc();
  const { heapUsed, external } = process.memoryUsage();
  return heapUsed + external;
}
