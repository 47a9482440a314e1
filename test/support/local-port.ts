import type { ChildProcess } from 'node:child_process';
import { createConnection, createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/** A free TCP port on 127.0.0.1 (the OS picks; the caller binds it right after). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Whether something accepts TCP connections on 127.0.0.1:port. */
export function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

/** Resolves once a test peer process listens on `port`; throws with its output if it exits or is late. */
export async function waitUntilListening(o: { proc: ChildProcess; port: number; name: string; output: () => string; ms: number }): Promise<void> {
  const deadline = Date.now() + o.ms;
  while (!(await canConnect(o.port))) {
    if (o.proc.exitCode !== null) throw new Error(`${o.name} exited with ${o.proc.exitCode}:\n${o.output()}`);
    if (Date.now() > deadline) throw new Error(`${o.name} did not listen on ${o.port} within ${o.ms / 1000} s:\n${o.output()}`);
    await sleep(20);
  }
}

/** Signals a test peer process (if it still runs) and waits for its exit. */
export async function stopProcess(proc: ChildProcess | null, signal: NodeJS.Signals): Promise<void> {
  if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  proc.kill(signal);
  await exited;
}

/** Polls `get` until `ok` holds or `ms` pass; returns the last value (the caller asserts on it). */
export async function pollUntil<T>(get: () => Promise<T>, ok: (value: T) => boolean, ms = 5000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await get();
    if (ok(value) || Date.now() > deadline) return value;
    await sleep(50);
  }
}
