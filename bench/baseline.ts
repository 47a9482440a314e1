import { spawn, type ChildProcess } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const FILE = fileURLToPath(new URL('./baseline-server.js', import.meta.url));

/** A running bare node:http "hello" server. */
export interface Baseline {
  url: string;
  process: ChildProcess;
  /** Spawn to its "listening" line, ms. */
  startMs: number;
  stop(): Promise<void>;
}

/**
 * Starts the baseline server, with plain node or through tsx (as auxio itself runs), and resolves
 * once it prints its port.
 */
export async function startBaseline(loader: 'node' | 'tsx' = 'node'): Promise<Baseline> {
  const started = performance.now();
  const args = loader === 'tsx' ? ['--import', 'tsx', FILE] : [FILE];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`the baseline server exited with ${code}`)));
  });
  const startMs = performance.now() - started;
  const { port } = JSON.parse(line) as { port: number };
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    url: `http://127.0.0.1:${port}/`,
    process: child,
    startMs,
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
