import { EventEmitter } from 'node:events';
import type { ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { IoBackend, IoBackendEvents } from '../backend.ts';
import { BackendFaultError } from './backend-fault.ts';
import { Backoff, pause } from './backoff.ts';
import { FaultTracker } from './fault-tracker.ts';
import { endProcess, GpioTools, kernelTimeToEpochMs, parseMonitorLine, type Bias, type LineAddress, type MonitorEvent } from './gpio-tools.ts';

/** One input line. */
export interface GpioInput {
  /** Offset on `chip`, or a line name (e.g. "GPIO17" on a Raspberry Pi) found with gpiofind on any chip. */
  line: number | string;
  /** The SoC's internal resistor; left as it is when absent. A contact to GND wants pull-up. */
  bias?: Bias;
  /** libgpiod's --active-low: the kernel inverts the line. Use this or the channel's `invert`, not both. */
  activeLow?: boolean;
}

/** One output line (a relay driver's input). */
export interface GpioOutput {
  line: number | string;
  activeLow?: boolean;
}

/** Options of the Linux GPIO character-device backend (libgpiod 1.6 tools, Debian package `gpiod`). */
export interface GpiochipOptions {
  /** The chip numeric lines are on (default gpiochip0): a name, a number or a /dev path. */
  chip?: string;
  inputs: GpioInput[];
  outputs: GpioOutput[];
  /** Where gpiomon, gpioget, gpioset, gpiofind and gpioinfo are (default: PATH). */
  toolsDir?: string;
  /** How long a tool may take to request its lines (default 2000 ms). */
  requestTimeoutMs?: number;
}

/** Inputs that share chip, bias and active-low share one gpiomon (its flags are per invocation). */
interface Group {
  key: string;
  chip: string;
  flags: string[];
  offsets: number[];
  inputs: number[];
  proc: ChildProcess | null;
  /** Events that come while the monitor is being confirmed; applied once it is. */
  backlog: MonitorEvent[] | null;
}

/** One output's holder: the gpioset that keeps the line at `level`. */
interface Holder {
  address: LineAddress;
  flags: string[];
  level: 0 | 1 | null;
  proc: ChildProcess | null;
  queue: Promise<unknown>;
  backoff: Backoff;
}

/**
 * GPIO lines through the kernel's character device, edges stamped by the kernel. Initial levels
 * come from gpioget, then gpiomon reports every edge (never sysfs, never polling). A gpiomon that
 * dies is a fault; it is restarted with back-off, the lines re-read first (gpioget cannot read a
 * line gpiomon holds), and the return is `fault(null)`, then the changes found.
 * @example new GpiochipBackend({ inputs: [{ line: 'GPIO17', bias: 'pull-up' }], outputs: [{ line: 27 }] })
 */
export class GpiochipBackend extends EventEmitter<IoBackendEvents> implements IoBackend {
  readonly kind = 'gpiochip';
  readonly inputCount: number;
  readonly outputCount: number;
  readonly #o: GpiochipOptions & { chip: string; requestTimeoutMs: number };
  readonly #tools: GpioTools;
  readonly #faults = new FaultTracker((fault) => this.emit('fault', fault));
  #levels: Array<0 | 1>;
  #groups: Group[] = [];
  #holders: Holder[] = [];
  #abort: AbortController | null = null;
  /**
   * True while the inputs are being (re)opened. They are one fault domain: one gpiomon dying ends
   * and restarts them all, so they return together and `fault(null)` comes before their changes.
   * (Chips that fail apart belong in backends apart.)
   */
  #restarting = false;
  readonly #inputBackoff = new Backoff({ initialMs: 250, maxMs: 10_000 });

  constructor(options: GpiochipOptions) {
    super();
    this.#o = { chip: 'gpiochip0', requestTimeoutMs: 2000, ...options };
    this.#tools = new GpioTools(options.toolsDir);
    this.inputCount = options.inputs.length;
    this.outputCount = options.outputs.length;
    this.#levels = options.inputs.map(() => 0);
  }

  /** Resolves line names, reads the inputs, starts the monitors; rejects (holding nothing) if any of it fails. */
  async start(): Promise<void> {
    if (this.#abort) return;
    const abort = new AbortController();
    this.#abort = abort;
    try {
      const inputs = await Promise.all(this.#o.inputs.map((i) => this.#address(i.line)));
      const outputs = await Promise.all(this.#o.outputs.map((o) => this.#address(o.line)));
      checkUnique([...inputs, ...outputs]);
      this.#groups = groupInputs(this.#o.inputs, inputs);
      this.#holders = outputs.map((address, i) => ({ address, flags: this.#o.outputs[i]!.activeLow ? ['--active-low'] : [], level: null, proc: null, queue: Promise.resolve(), backoff: new Backoff() }));
      this.#restarting = true;
      (await this.#openInputs(abort.signal, false))();
      this.#restarting = false;
    } catch (err) {
      await this.stop();
      throw err;
    }
  }

  /** Ends every tool auxio started; the lines go back to the kernel. */
  async stop(): Promise<void> {
    const abort = this.#abort;
    if (!abort) return;
    this.#abort = null;
    abort.abort();
    this.#restarting = false;
    await Promise.all([
      ...this.#groups.map((g) => endProcess(g.proc, 'SIGTERM')),
      ...this.#holders.map(async (h) => (await h.queue.catch(() => {}), endProcess(h.proc, 'stdin'))),
    ]);
    this.#groups.forEach((g) => (g.proc = null));
    this.#holders.forEach((h) => (h.proc = null));
    this.#faults.clear();
  }

  /** The levels gpioget read at start, updated by every edge since. */
  async readInputs(): Promise<Array<0 | 1>> {
    return [...this.#levels];
  }

  /** Resolves once gpioset holds the line at `level` (gpioinfo shows it requested). */
  async writeOutput(output: number, level: 0 | 1): Promise<void> {
    if (!Number.isInteger(output) || output < 0 || output >= this.outputCount) throw new RangeError(`GPIO backend has no output ${output + 1}`);
    const holder = this.#holders[output];
    if (!holder || !this.#abort) throw new BackendFaultError(this.kind, 'not started');
    const run = (): Promise<void> => this.#hold(output, holder, level);
    const next = holder.queue.then(run, run);
    holder.queue = next.catch(() => {});
    return next;
  }

  async #address(line: number | string): Promise<LineAddress> {
    if (typeof line === 'number') return { chip: this.#o.chip, offset: line };
    return this.#tools.find(line);
  }

  /**
   * Reads every group, then starts every gpiomon (gpioget cannot read a line gpiomon holds, so the
   * reads come first; an edge between a read and its monitor's request is the one thing 1.6's
   * tools cannot close). After a restart (`emit`) the changes found are announced, then the edges
   * the monitors saw while they were being confirmed.
   */
  async #openInputs(signal: AbortSignal, emit: boolean): Promise<() => void> {
    const reads = await Promise.all(this.#groups.map((g) => this.#tools.get(g.chip, g.offsets, g.flags)));
    let backlogs: MonitorEvent[][] = [];
    try {
      const started = await Promise.allSettled(this.#groups.map((g) => this.#monitor(g, signal)));
      const failed = started.find((r) => r.status === 'rejected');
      if (failed) throw (failed as PromiseRejectedResult).reason;
      backlogs = started.map((r) => (r as PromiseFulfilledResult<MonitorEvent[]>).value);
      // One that died while the others were being confirmed leaves its lines unwatched.
      const dead = this.#groups.find((g) => g.proc === null || g.proc.exitCode !== null || g.proc.signalCode !== null);
      if (dead) throw new Error(`gpiomon on ${dead.chip} lines ${dead.offsets.join(',')} stopped as soon as it started`);
    } catch (err) {
      await this.#closeInputs();
      throw err;
    }
    const at = Date.now();
    return (): void => {
      this.#groups.forEach((group, g) => {
        group.inputs.forEach((input, i) => {
          const level = reads[g]![i]!;
          if (level === this.#levels[input]) return;
          this.#levels[input] = level;
          if (emit) this.emit('level', { input, level, at });
        });
      });
      this.#groups.forEach((group, g) => backlogs[g]!.forEach((event) => this.#edge(group, event)));
    };
  }

  async #closeInputs(): Promise<void> {
    const procs = this.#groups.map((g) => g.proc);
    this.#groups.forEach((g) => (g.proc = null));
    await Promise.all(procs.map((p) => endProcess(p, 'SIGTERM')));
  }

  /** Starts gpiomon and waits until it holds the lines; resolves with the edges that came meanwhile. */
  async #monitor(group: Group, signal: AbortSignal): Promise<MonitorEvent[]> {
    const proc = this.#tools.monitor(group.chip, group.offsets, group.flags);
    group.proc = proc;
    group.backlog = [];
    let stderr = '';
    proc.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    createInterface({ input: proc.stdout! }).on('line', (line) => {
      const event = parseMonitorLine(line);
      if (event && group.proc === proc) (group.backlog ? group.backlog.push(event) : this.#edge(group, event));
    });
    proc.once('exit', (code, sig) => {
      if (group.proc !== proc || signal.aborted) return;
      // While the inputs are being opened, the opener sees the death and fails that try.
      if (this.#restarting) return;
      group.proc = null;
      void this.#restartInputs(`gpiomon on ${group.chip} lines ${group.offsets.join(',')} stopped: ${stderr.trim() || `exit ${code ?? sig}`}`, signal);
    });
    try {
      await this.#tools.waitHeld(proc, 'gpiomon', group.chip, group.offsets, this.#o.requestTimeoutMs);
    } catch (err) {
      if (group.proc === proc) group.proc = null;
      await endProcess(proc, 'SIGTERM');
      throw err;
    }
    const backlog = group.backlog;
    group.backlog = null;
    return backlog;
  }

  /** A gpiomon died: fault, then read and monitor again, waiting 250 ms doubling to 10 s between tries. */
  async #restartInputs(why: string, signal: AbortSignal): Promise<void> {
    if (this.#restarting) return;
    this.#restarting = true;
    this.#faults.set('inputs', why);
    await this.#closeInputs();
    while (await pause(this.#inputBackoff.next(), signal)) {
      try {
        const announce = await this.#openInputs(signal, true);
        if (signal.aborted) return;
        this.#inputBackoff.reset();
        this.#restarting = false;
        // The return first, then what changed while nobody watched.
        this.#faults.set('inputs', null);
        announce();
        return;
      } catch (err) {
        if (signal.aborted) return;
        this.#faults.set('inputs', `GPIO inputs: ${(err as Error).message}`);
      }
    }
  }

  #edge(group: Group, event: MonitorEvent): void {
    const i = group.offsets.indexOf(event.offset);
    const input = group.inputs[i];
    if (input === undefined) return;
    const level: 0 | 1 = event.rising ? 1 : 0;
    // Same level as known: the edge gpioget already saw (start-up race), not a new change.
    if (level === this.#levels[input]) return;
    this.#levels[input] = level;
    this.emit('level', { input, level, at: kernelTimeToEpochMs(event.ns) });
  }

  /** Replaces the line's gpioset with one at `level`. libgpiod 1.6's gpioset cannot change a held value. */
  async #hold(output: number, holder: Holder, level: 0 | 1): Promise<void> {
    if (holder.proc && holder.level === level) return;
    await endProcess(holder.proc, 'stdin');
    holder.proc = null;
    const { chip, offset } = holder.address;
    const proc = this.#tools.hold(chip, offset, level, holder.flags);
    holder.proc = proc;
    holder.level = level;
    const part = `output:${output}`;
    try {
      await this.#tools.waitHeld(proc, 'gpioset', chip, [offset], this.#o.requestTimeoutMs);
    } catch (err) {
      holder.proc = null;
      await endProcess(proc, 'stdin');
      this.#faults.set(part, `output ${output + 1} (${chip} line ${offset}) is not driven: ${(err as Error).message}`);
      throw new BackendFaultError(this.kind, (err as Error).message);
    }
    this.#faults.set(part, null);
    holder.backoff.reset();
    const signal = this.#abort?.signal;
    proc.once('exit', () => {
      if (holder.proc !== proc || !signal || signal.aborted) return;
      holder.proc = null;
      this.#faults.set(part, `output ${output + 1} (${chip} line ${offset}): gpioset ended, the line is not driven`);
      void this.#rehold(output, holder, signal);
    });
  }

  /** A gpioset that died is started again at the level auxio holds, with back-off. */
  async #rehold(output: number, holder: Holder, signal: AbortSignal): Promise<void> {
    while (!holder.proc && holder.level !== null && (await pause(holder.backoff.next(), signal))) {
      const level = holder.level;
      const run = (): Promise<void> => (holder.proc ? Promise.resolve() : this.#hold(output, holder, level));
      const next = holder.queue.then(run, run);
      holder.queue = next.catch(() => {});
      await next.catch(() => {});
    }
  }
}

function checkUnique(addresses: LineAddress[]): void {
  const seen = new Set<string>();
  for (const { chip, offset } of addresses) {
    const key = `${chip} ${offset}`;
    if (seen.has(key)) throw new Error(`${chip} line ${offset} is configured twice`);
    seen.add(key);
  }
}

function groupInputs(inputs: GpioInput[], addresses: LineAddress[]): Group[] {
  const groups = new Map<string, Group>();
  addresses.forEach(({ chip, offset }, input) => {
    const { bias, activeLow } = inputs[input]!;
    const flags = [...(bias ? [`--bias=${bias}`] : []), ...(activeLow ? ['--active-low'] : [])];
    const key = `${chip} ${flags.join(' ')}`;
    const group = groups.get(key) ?? { key, chip, flags, offsets: [], inputs: [], proc: null, backlog: null };
    group.offsets.push(offset);
    group.inputs.push(input);
    groups.set(key, group);
  });
  return [...groups.values()];
}
