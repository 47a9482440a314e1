import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';

const BIN = fileURLToPath(new URL('../../bin/auxio.js', import.meta.url));

export interface StartOptions {
  /** Reuse a data dir (a restart); a fresh temp dir otherwise. */
  dataDir?: string;
  /** Written as the YAML config file. */
  config?: object;
}

/** A real auxio process on a free loopback port. */
export interface RunningServer {
  url: string;
  port: number;
  dataDir: string;
  process: ChildProcess;
  /** Every log line so far, parsed. */
  logs: Array<Record<string, unknown>>;
  /** SIGTERM and wait for the exit. */
  stop(): Promise<void>;
  /** SIGKILL: a crash. */
  kill(): Promise<void>;
}

const madeDirs: string[] = [];
// At exit, not at stop: tests restart servers on the same data dir and read its files afterwards.
process.once('exit', () => {
  for (const dir of madeDirs) {
    try {
      rmSync(dir, { recursive: true, force: true });
    } catch {
      // still in use (a mount): the OS's temp cleaning has it
    }
  }
});

/** A fresh temp dir, removed when this test process exits. */
export function tempDir(prefix = 'auxio-e2e-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  madeDirs.push(dir);
  return dir;
}

/** Starts `auxio serve --port 0` and resolves once it says which port it listens on. */
export async function startServer(options: StartOptions = {}): Promise<RunningServer> {
  const dataDir = options.dataDir ?? tempDir();
  const args = [BIN, 'serve', '--port', '0', '--host', '127.0.0.1', '--data', dataDir];
  if (options.config) {
    const file = join(dataDir, 'test-config.yaml');
    writeFileSync(file, stringify(options.config));
    args.push('--config', file);
  }
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const logs: Array<Record<string, unknown>> = [];
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let scheme = 'http';
  const port = await new Promise<number>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      try {
        const entry = JSON.parse(line) as Record<string, unknown>;
        logs.push(entry);
        if (typeof entry.port === 'number' && String(entry.msg).includes('listening')) {
          if (entry.scheme === 'https') scheme = 'https';
          resolve(entry.port);
        }
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
  return {
    url: `${scheme}://127.0.0.1:${port}`,
    port,
    dataDir,
    process: child,
    logs,
    stop: () => stopWith('SIGTERM'),
    kill: () => stopWith('SIGKILL'),
  };
}

/** Runs `auxio` with arguments to completion, for start-up failures. */
export function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}
