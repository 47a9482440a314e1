import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** Where Debian puts the broker; PATH is tried when it is not there. */
const MOSQUITTO = ['/usr/sbin/mosquitto', '/usr/local/sbin/mosquitto'].find(existsSync) ?? 'mosquitto';
const MOSQUITTO_PASSWD = ['/usr/bin/mosquitto_passwd', '/usr/local/bin/mosquitto_passwd'].find(existsSync) ?? 'mosquitto_passwd';

export interface BrokerOptions {
  /** Require this login (anonymous clients are refused). */
  user?: { username: string; password: string };
}

/** A real mosquitto on a free loopback port, with a config of its own in a temp dir. */
export interface Broker {
  /** `mqtt://127.0.0.1:<port>` */
  url: string;
  port: number;
  /** Everything mosquitto logged so far. */
  log(): string;
  /** SIGTERM and wait for the exit; the port stays the broker's for `start()`. */
  stop(): Promise<void>;
  /** Starts again on the same port (retained messages are not kept: no persistence). */
  start(): Promise<void>;
  /** Stops and removes the temp dir. */
  close(): Promise<void>;
}

/** A free TCP port on 127.0.0.1 (the OS picks; mosquitto binds it right after). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

/**
 * Starts mosquitto and resolves once it accepts connections.
 * @example const broker = await startBroker(); … await broker.close();
 */
export async function startBroker(options: BrokerOptions = {}): Promise<Broker> {
  const dir = mkdtempSync(join(tmpdir(), 'auxio-mosquitto-'));
  const port = await freePort();
  // Started as root, mosquitto would switch to the `mosquitto` user, who cannot read this temp dir.
  const lines = [`user ${userInfo().username}`, `listener ${port} 127.0.0.1`, 'persistence false', 'log_dest stderr', 'log_type error', 'log_type warning', 'log_type notice'];
  if (options.user) {
    const passwords = join(dir, 'passwords');
    writeFileSync(passwords, '');
    const made = spawnSync(MOSQUITTO_PASSWD, ['-b', passwords, options.user.username, options.user.password]);
    if (made.status !== 0) throw new Error(`mosquitto_passwd failed: ${made.stderr}`);
    lines.push('allow_anonymous false', `password_file ${passwords}`);
  } else {
    lines.push('allow_anonymous true');
  }
  const conf = join(dir, 'mosquitto.conf');
  writeFileSync(conf, `${lines.join('\n')}\n`);

  let child: ChildProcess | null = null;
  let output = '';
  const start = async (): Promise<void> => {
    const proc = spawn(MOSQUITTO, ['-c', conf], { stdio: ['ignore', 'ignore', 'pipe'] });
    child = proc;
    proc.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    const deadline = Date.now() + 5000;
    while (!(await canConnect(port))) {
      if (proc.exitCode !== null) throw new Error(`mosquitto exited with ${proc.exitCode}:\n${output}`);
      if (Date.now() > deadline) throw new Error(`mosquitto did not listen on ${port} within 5 s:\n${output}`);
      await sleep(20);
    }
  };
  const stop = async (): Promise<void> => {
    const proc = child;
    child = null;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
    proc.kill('SIGTERM');
    await exited;
  };
  await start();
  return {
    url: `mqtt://127.0.0.1:${port}`,
    port,
    log: () => output,
    stop,
    start,
    close: async () => {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
