import { EventEmitter } from 'node:events';
import type { IoBackend, IoBackendEvents } from '../backend.ts';
import { BackendFaultError } from './backend-fault.ts';
import { Backoff, pause } from './backoff.ts';
import { FaultTracker } from './fault-tracker.ts';
import { ModbusException, ModbusTcpClient } from './modbus-client.ts';

/** One input pin of the module. */
export interface ModbusTcpInput {
  /** 0-based protocol address (a module's manual may number from 1: subtract it). */
  address: number;
  /** `discrete` (default): a discrete input read with FC 0x02. `register`: an input register read with FC 0x04, any non-zero value is 1. */
  kind?: 'discrete' | 'register';
}

/** Options of a Moxa ioLogik / Advantech ADAM style remote I/O module on Modbus TCP. */
export interface ModbusTcpOptions {
  /** Host name or address of the module. */
  host: string;
  /** TCP port (default 502, the registered Modbus port). */
  port?: number;
  /** Unit identifier (default 1; a gateway uses it to pick the serial device behind it). */
  unitId?: number;
  /** How often the inputs are read (default 100 ms): a Modbus server cannot push, so this bounds edge latency and the shortest pulse seen. */
  pollMs?: number;
  /** How long a connect or one request may take (default 1000 ms) before the link counts as lost. */
  timeoutMs?: number;
  /** Input pins, in auxio's pin order. */
  inputs: ModbusTcpInput[];
  /** Relay outputs, in auxio's pin order: each a coil written with FC 0x05 and read back with FC 0x01. */
  outputs: Array<{ coil: number }>;
}

/** One request of a poll: a run of adjacent addresses of one kind, so nothing unmapped is ever read. */
interface Read {
  kind: 'discrete' | 'register';
  address: number;
  count: number;
}

const MAX_COUNT = { discrete: 2000, register: 125 } as const;

/**
 * Remote I/O over Modbus TCP. Inputs are polled every `pollMs` and a change is emitted with the
 * poll's time; a lost link is a `fault` (levels are kept, never guessed), retried with back-off
 * from 250 ms doubling to 10 s; on return `fault(null)` comes first, then the changes the first
 * poll finds. A write while the link is down is refused with `BackendFaultError`: the module, not
 * auxio, holds the coil, and a write that might land later would surprise whoever asked.
 * @example new ModbusTcpBackend({ host: '192.168.1.50', inputs: [{ address: 0 }, { address: 1 }], outputs: [{ coil: 0 }] })
 */
export class ModbusTcpBackend extends EventEmitter<IoBackendEvents> implements IoBackend {
  readonly kind = 'modbus-tcp';
  readonly inputCount: number;
  readonly outputCount: number;
  readonly #o: Required<Omit<ModbusTcpOptions, 'inputs'>> & { inputs: Array<Required<ModbusTcpInput>> };
  readonly #reads: Read[];
  /** Where each input's value is: which read, which position in it. */
  readonly #where: Array<{ read: number; offset: number }>;
  readonly #faults = new FaultTracker((fault) => this.emit('fault', fault));
  readonly #backoff = new Backoff({ initialMs: 250, maxMs: 10_000 });
  #levels: Array<0 | 1>;
  #client: ModbusTcpClient | null = null;
  #abort: AbortController | null = null;
  #loop: Promise<void> | null = null;

  constructor(options: ModbusTcpOptions) {
    super();
    const inputs = options.inputs.map((i) => ({ address: checkAddress(i.address, 'input address'), kind: i.kind ?? 'discrete' }));
    options.outputs.forEach((o) => checkAddress(o.coil, 'coil'));
    this.#o = { port: 502, unitId: 1, pollMs: 100, timeoutMs: 1000, ...options, inputs };
    if (!Number.isInteger(this.#o.unitId) || this.#o.unitId < 0 || this.#o.unitId > 255) throw new RangeError(`unitId ${this.#o.unitId} is not 0..255`);
    if (!(this.#o.pollMs >= 10)) throw new RangeError(`pollMs ${this.#o.pollMs} is below 10`);
    this.inputCount = inputs.length;
    this.outputCount = options.outputs.length;
    this.#levels = inputs.map(() => 0);
    ({ reads: this.#reads, where: this.#where } = planReads(inputs));
  }

  /** Connects and takes the first poll as state; with the module unreachable it resolves faulted and keeps trying. */
  async start(): Promise<void> {
    if (this.#abort) return;
    const abort = new AbortController();
    this.#abort = abort;
    this.#backoff.reset();
    const client = new ModbusTcpClient({ host: this.#o.host, port: this.#o.port, unitId: this.#o.unitId, timeoutMs: this.#o.timeoutMs });
    client.on('close', (err) => this.#faults.set('link', `lost: ${err.message}`));
    this.#client = client;
    await this.#cycle(abort.signal, true);
    this.#loop = this.#run(abort.signal);
  }

  async stop(): Promise<void> {
    const abort = this.#abort;
    if (!abort) return;
    this.#abort = null;
    abort.abort();
    this.#client?.close();
    await this.#loop;
    this.#loop = null;
    this.#client = null;
    this.#faults.clear();
  }

  /** The levels of the last good poll (while faulted: the last known, marked stale by the fault). */
  async readInputs(): Promise<Array<0 | 1>> {
    return [...this.#levels];
  }

  async writeOutput(output: number, level: 0 | 1): Promise<void> {
    const coil = this.#o.outputs[output]?.coil;
    if (!Number.isInteger(output) || coil === undefined) throw new RangeError(`Modbus module has no output ${output + 1}`);
    const client = this.#client;
    if (!client?.connected) throw new BackendFaultError(this.kind, this.#faults.message ?? `not connected to ${this.#o.host}:${this.#o.port}`);
    try {
      await client.writeSingleCoil(coil, level === 1);
      // Read back: a module in a safe state (or a coil mapped elsewhere) acknowledges and ignores.
      const [actual] = await client.readCoils(coil, 1);
      if (actual !== level) throw new Error(`coil ${coil} reads ${actual} after writing ${level}`);
    } catch (err) {
      // A refusal or a wrong read-back is the module's answer; a dropped link is a fault.
      if (err instanceof ModbusException || client.connected) throw err;
      throw new BackendFaultError(this.kind, (err as Error).message);
    }
  }

  async #run(signal: AbortSignal): Promise<void> {
    let last = Date.now();
    while (!signal.aborted) {
      const wait = this.#faults.faulted ? this.#backoff.next() : Math.max(0, this.#o.pollMs - (Date.now() - last));
      if (!(await pause(wait, signal))) return;
      last = Date.now();
      await this.#cycle(signal, false);
    }
  }

  /** One connect-if-needed and poll. The first poll of a start is state; later ones emit changes. */
  async #cycle(signal: AbortSignal, initial: boolean): Promise<void> {
    const client = this.#client!;
    try {
      if (!client.connected) await client.connect();
      const at = Date.now();
      const levels = await this.#poll(client);
      if (signal.aborted) return;
      this.#backoff.reset();
      // The return is announced before the changes, so the hub clears the fault, then counts.
      this.#faults.set('link', null);
      const previous = this.#levels;
      this.#levels = levels;
      if (initial) return;
      levels.forEach((level, input) => {
        if (level !== previous[input]) this.emit('level', { input, level, at });
      });
    } catch (err) {
      if (signal.aborted) return;
      if (!(err instanceof ModbusException)) client.close();
      this.#faults.set('link', `${this.#o.host}:${this.#o.port}: ${(err as Error).message}`);
    }
  }

  async #poll(client: ModbusTcpClient): Promise<Array<0 | 1>> {
    const values: Array<Array<number>> = [];
    for (const read of this.#reads) {
      values.push(
        read.kind === 'discrete'
          ? await client.readDiscreteInputs(read.address, read.count)
          : await client.readInputRegisters(read.address, read.count),
      );
    }
    return this.#where.map(({ read, offset }) => (values[read]![offset]! !== 0 ? 1 : 0));
  }
}

function checkAddress(address: number, what: string): number {
  if (!Number.isInteger(address) || address < 0 || address > 0xffff) throw new RangeError(`${what} ${address} is not 0..65535`);
  return address;
}

/** Groups the inputs into runs of adjacent addresses per kind, each within the function's limit. */
function planReads(inputs: Array<Required<ModbusTcpInput>>): { reads: Read[]; where: Array<{ read: number; offset: number }> } {
  const reads: Read[] = [];
  for (const kind of ['discrete', 'register'] as const) {
    const addresses = [...new Set(inputs.filter((i) => i.kind === kind).map((i) => i.address))].sort((a, b) => a - b);
    for (const address of addresses) {
      const last = reads.at(-1);
      if (last?.kind === kind && last.address + last.count === address && last.count < MAX_COUNT[kind]) last.count++;
      else reads.push({ kind, address, count: 1 });
    }
  }
  const where = inputs.map((i) => {
    const read = reads.findIndex((r) => r.kind === i.kind && i.address >= r.address && i.address < r.address + r.count);
    return { read, offset: i.address - reads[read]!.address };
  });
  return { reads, where };
}
