// Restarting a test server in place: same data dir, same port, so a browser that had the page open
// reconnects to the "same" auxio, as after an upgrade or a crash.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { RunningServer } from './server.ts';

const BIN = fileURLToPath(new URL('../../bin/auxio.js', import.meta.url));

/**
 * Stops `server` and starts auxio again on its port and data dir; resolves once it listens.
 * `whileDown` runs between the two (the page notices the server is gone).
 * @example server = await restartInPlace(server, () => waitForOffline(page));
 */
export async function restartInPlace(server: RunningServer, whileDown: () => Promise<void> = async () => {}): Promise<RunningServer> {
  await server.stop();
  await whileDown();
  const args = [BIN, 'serve', '--port', String(server.port), '--host', '127.0.0.1', '--data', server.dataDir];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const logs: Array<Record<string, unknown>> = [];
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      try {
        const entry = JSON.parse(line) as Record<string, unknown>;
        logs.push(entry);
        if (String(entry.msg).includes('listening')) resolve();
      } catch {
        logs.push({ raw: line });
      }
    });
    child.once('exit', (code) => reject(new Error(`auxio exited with ${code} before listening:\n${stderr}`)));
  });
  const stopWith = async (signal: NodeJS.Signals): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  return { ...server, process: child, logs, stop: () => stopWith('SIGTERM'), kill: () => stopWith('SIGKILL') };
}
