import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import { freePort, stopProcess, waitUntilListening } from './local-port.ts';

/** Debian's interpreter, where python3-pymodbus is installed (a pyenv or venv python3 may lack it). */
const PYTHON = ['/usr/bin/python3'].find(existsSync) ?? 'python3';
const SCRIPT = fileURLToPath(new URL('./modbus-server.py', import.meta.url));

export type Table = 'co' | 'di' | 'ir' | 'hr';

/** A real Modbus TCP server (pymodbus) on a free loopback port, whose tables the test plays. */
export interface ModbusTestServer {
  port: number;
  unitId: number;
  /** Sets one entry of a table (a discrete input as the wiring would, a coil as a module's own logic would). */
  set(table: Table, address: number, value: number): Promise<void>;
  get(table: Table, address: number, count: number): Promise<number[]>;
  /** The server goes away (process ended; its connections close). */
  stop(): Promise<void>;
  /** Comes back on the same port; inputs as last set, coils at 0 like a module after a power cycle. */
  start(): Promise<void>;
  /** TCP connections from this test process to the server that are open or opening. */
  clientConnections(): number;
  stderr(): string;
  close(): Promise<void>;
}

/** Fails loudly when pymodbus is missing: a skipped Modbus suite would hide a broken backend. */
function checkPymodbus(): void {
  const probe = spawnSync(PYTHON, ['-c', 'import pymodbus.server']);
  if (probe.status !== 0) {
    throw new Error(`${PYTHON} cannot import pymodbus: install Debian's python3-pymodbus (scripts/install-system-packages.sh)\n${probe.stderr}`);
  }
}

/**
 * Starts pymodbus serving `unitId` and resolves once it accepts connections.
 * @example const server = await startModbusServer({ unitId: 1, state: { di: { 0: 1 } } }); … await server.close();
 */
export async function startModbusServer(options: { unitId?: number; state?: Partial<Record<Table, Record<number, number>>> } = {}): Promise<ModbusTestServer> {
  checkPymodbus();
  const port = await freePort();
  const unitId = options.unitId ?? 1;
  const state: Partial<Record<Table, Record<number, number>>> = structuredClone(options.state ?? {});
  let child: ChildProcess | null = null;
  let answers: Array<(line: string) => void> = [];
  let errors = '';

  const command = async (cmd: object): Promise<Record<string, unknown>> => {
    const proc = child;
    if (!proc) throw new Error('the Modbus test server is stopped');
    const answer = new Promise<string>((resolve) => answers.push(resolve));
    proc.stdin!.write(`${JSON.stringify(cmd)}\n`);
    return JSON.parse(await answer) as Record<string, unknown>;
  };

  const start = async (): Promise<void> => {
    const { co: _coilsReset, ...kept } = state;
    const proc = spawn(PYTHON, [SCRIPT, String(port), String(unitId), JSON.stringify(kept)], { stdio: ['pipe', 'pipe', 'pipe'] });
    child = proc;
    answers = [];
    proc.stderr!.on('data', (d: Buffer) => (errors += d.toString()));
    createInterface({ input: proc.stdout! }).on('line', (line) => answers.shift()?.(line));
    await waitUntilListening({ proc, port, name: 'the Modbus test server', output: () => errors, ms: 10_000 });
  };

  const stop = async (): Promise<void> => {
    const proc = child;
    child = null;
    await stopProcess(proc, 'SIGKILL');
  };

  await start();
  return {
    port,
    unitId,
    async set(table, address, value) {
      (state[table] ??= {})[address] = value;
      // While stopped the wire still changes; start() hands the new state to the next server.
      if (child) await command({ op: 'set', table, address, values: [value] });
    },
    async get(table, address, count) {
      return (await command({ op: 'get', table, address, count })).values as number[];
    },
    stop,
    start,
    clientConnections: () => countClientSockets(port),
    stderr: () => errors,
    close: stop,
  };
}

/** Client-side sockets to 127.0.0.1:`port` in SYN_SENT or ESTABLISHED, from the kernel's table. */
function countClientSockets(port: number): number {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  return readFileSync('/proc/net/tcp', 'utf8')
    .split('\n')
    .slice(1)
    .map((line) => line.trim().split(/\s+/))
    .filter((f) => f[2] === `0100007F:${hexPort}` && (f[3] === '01' || f[3] === '02')).length;
}
