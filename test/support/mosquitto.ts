import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { freePort, stopProcess, waitUntilListening } from './local-port.ts';

/** Where Debian puts the broker; PATH is tried when it is not there. */
const MOSQUITTO = ['/usr/sbin/mosquitto', '/usr/local/sbin/mosquitto'].find(existsSync) ?? 'mosquitto';
const MOSQUITTO_PASSWD = ['/usr/bin/mosquitto_passwd', '/usr/local/bin/mosquitto_passwd'].find(existsSync) ?? 'mosquitto_passwd';

export interface BrokerOptions {
  /** Require this login (anonymous clients are refused). */
  user?: { username: string; password: string };
  /** More mosquitto.conf lines, e.g. `max_queued_messages 100000` for a subscriber that lags. */
  settings?: string[];
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

export { freePort } from './local-port.ts';

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
  lines.push(...(options.settings ?? []));
  const conf = join(dir, 'mosquitto.conf');
  writeFileSync(conf, `${lines.join('\n')}\n`);

  let child: ChildProcess | null = null;
  let output = '';
  const start = async (): Promise<void> => {
    const proc = spawn(MOSQUITTO, ['-c', conf], { stdio: ['ignore', 'ignore', 'pipe'] });
    child = proc;
    proc.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    await waitUntilListening({ proc, port, name: 'mosquitto', output: () => output, ms: 5000 });
  };
  const stop = async (): Promise<void> => {
    const proc = child;
    child = null;
    await stopProcess(proc, 'SIGTERM');
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
