import type { IoBackend, RawLevelChange } from './backend.ts';
import {
  inputId,
  outputId,
  type ChannelConfigurator,
  type ChannelSettings,
  type InputReader,
  type InputState,
  type IntervalReport,
  type OutputState,
  type RelayControl,
} from './channels.ts';
import { InputChannel } from './input-channel.ts';
import { OutputChannel } from './output-channel.ts';
import { reportInterval, startInterval, type IntervalState } from './input-interval.ts';
import type { Timers } from './debouncer.ts';
import { isBackendFault } from './backends/backend-fault.ts';
import type { Journal } from '../journal/index.ts';
import type { InputConfig, OutputConfig } from '../config/index.ts';

/** Where a channel's wire is: which backend, which pin on it (0-based). */
export interface PinBinding {
  backend: IoBackend;
  pin: number;
}

export interface IoHubOptions {
  journal: Journal;
  inputs: Array<{ config: InputConfig; binding: PinBinding }>;
  outputs: Array<{ config: OutputConfig; binding: PinBinding }>;
  clock?: () => number;
  timers?: Timers;
}

const INTERVAL_KEY = 'input.txt';

/**
 * The one place that knows channel state. Backends feed it raw levels; it debounces, counts and
 * journals; everyone else reads it through `InputReader` / `RelayControl` or hears the journal.
 */
export class IoHub implements InputReader, RelayControl, ChannelConfigurator {
  readonly #journal: Journal;
  readonly #clock: () => number;
  readonly #inputs: Array<{ channel: InputChannel; binding: PinBinding }>;
  readonly #outputs: Array<{ channel: OutputChannel; config: OutputConfig; binding: PinBinding }>;
  readonly #backends: IoBackend[];
  readonly #detach: Array<() => void> = [];
  /** The open input.txt interval; the hub is its only writer, so the journal's copy is read once. */
  #interval: IntervalState | null = null;

  constructor(o: IoHubOptions) {
    this.#journal = o.journal;
    this.#clock = o.clock ?? Date.now;
    this.#inputs = o.inputs.map(({ config, binding }, i) => ({
      binding,
      channel: new InputChannel({
        id: inputId(i + 1),
        index: i + 1,
        name: config.name ?? `Input ${i + 1}`,
        invert: config.invert,
        debounceMs: config.debounce_ms,
        journal: o.journal,
        ...(o.timers ? { timers: o.timers } : {}),
      }),
    }));
    this.#outputs = o.outputs.map(({ config, binding }, i) => ({
      config,
      binding,
      channel: new OutputChannel({
        id: outputId(i + 1),
        index: i + 1,
        name: config.name ?? `Relay ${i + 1}`,
        invert: config.invert,
        pulseMs: config.pulse_ms,
        backend: binding.backend,
        pin: binding.pin,
        journal: o.journal,
        clock: this.#clock,
        ...(o.timers ? { timers: o.timers } : {}),
      }),
    }));
    this.#backends = [...new Set([...o.inputs, ...o.outputs].map((c) => c.binding.backend))];
  }

  /** Opens the backends, applies each output's start-up policy, then takes the first input levels as state. */
  async start(): Promise<void> {
    // Listeners first: a backend may report a fault while it starts (a module that is unreachable).
    for (const backend of this.#backends) {
      const onLevel = (change: RawLevelChange): void => this.#onLevel(backend, change);
      const onFault = (fault: { message: string } | null): void => this.#onFault(backend, fault);
      backend.on('level', onLevel).on('fault', onFault);
      this.#detach.push(() => backend.off('level', onLevel).off('fault', onFault));
      await this.#tolerateFault(backend, () => backend.start());
    }
    for (const { channel, config, binding } of this.#outputs) {
      await this.#tolerateFault(binding.backend, () => channel.start(config.startup));
    }
    for (const backend of this.#backends) {
      const levels = (await this.#tolerateFault(backend, () => backend.readInputs())) ?? [];
      for (const { channel, binding } of this.#inputs) {
        if (binding.backend === backend) channel.start(levels[binding.pin] ?? 0);
      }
    }
    this.#interval = this.#journal.getState<IntervalState>(INTERVAL_KEY) ?? null;
    if (!this.#interval) this.#saveInterval(startInterval(this.#clock(), this.#intervalInputs()));
  }

  async stop(): Promise<void> {
    for (const detach of this.#detach.splice(0)) detach();
    for (const { channel } of this.#inputs) channel.stop();
    for (const { channel } of this.#outputs) channel.stop();
    for (const backend of this.#backends) await backend.stop();
  }

  inputs(): InputState[] {
    return this.#inputs.map(({ channel }) => channel.snapshot());
  }

  outputs(): OutputState[] {
    return this.#outputs.map(({ channel }) => channel.snapshot());
  }

  /** Which backend and pin an input is wired to (the sim API plays that pin). */
  inputBinding(index: number): PinBinding | undefined {
    return this.#inputs[index - 1]?.binding;
  }

  readInterval(options: { peek?: boolean } = {}): IntervalReport[] {
    const inputs = this.#intervalInputs();
    const reports = reportInterval(this.#interval ?? startInterval(this.#clock(), inputs), inputs);
    if (!options.peek) this.#saveInterval(startInterval(this.#clock(), inputs));
    return reports;
  }

  setOutput(index: number, active: boolean, actor: string): Promise<OutputState> {
    return this.#output(index).set(active, actor);
  }

  toggleOutput(index: number, actor: string): Promise<OutputState> {
    return this.#output(index).toggle(actor);
  }

  pulseOutput(index: number, ms: number, actor: string): Promise<OutputState> {
    return this.#output(index).pulse(ms, actor);
  }

  configureInput(index: number, settings: ChannelSettings, actor: string): InputState {
    const entry = this.#inputs[index - 1];
    if (!entry) throw new RangeError(`no input ${index}`);
    return entry.channel.configure(settings, actor);
  }

  configureOutput(index: number, settings: ChannelSettings, actor: string): Promise<OutputState> {
    return this.#output(index).configure(settings, actor);
  }

  #output(index: number): OutputChannel {
    const entry = this.#outputs[index - 1];
    if (!entry) throw new RangeError(`no output ${index}`);
    return entry.channel;
  }

  /** Persisted before the answer leaves, so a crash never hands out the same pulses twice. */
  #saveInterval(interval: IntervalState): void {
    this.#journal.putState({ [INTERVAL_KEY]: interval });
    this.#interval = interval;
  }

  #intervalInputs() {
    return this.inputs().map(({ id, index, level, pulses }) => ({ id, index, level, pulses }));
  }

  #onLevel(backend: IoBackend, change: RawLevelChange): void {
    for (const { channel, binding } of this.#inputs) {
      if (binding.backend === backend && binding.pin === change.input) channel.feed(change.level, change.at);
    }
  }

  /**
   * Hardware that is missing at start or while running must not stop auxio: the channels are marked
   * faulted (never given a fake level), the fault is journaled, and work resumes when it recovers.
   */
  async #tolerateFault<T>(backend: IoBackend, op: () => Promise<T>): Promise<T | undefined> {
    try {
      return await op();
    } catch (err) {
      if (!isBackendFault(err)) throw err;
      this.#onFault(backend, { message: err.message });
      return undefined;
    }
  }

  #onFault(backend: IoBackend, fault: { message: string } | null): void {
    const message = fault?.message ?? null;
    for (const { channel, binding } of this.#inputs) if (binding.backend === backend) channel.setFault(message);
    for (const { channel, binding } of this.#outputs) {
      if (binding.backend !== backend) continue;
      channel.setFault(message);
      // Back from a fault: drive the relay to the state the journal says it is in.
      if (message === null) void channel.resync().catch(() => {});
    }
    this.#journal.append({ kind: 'fault', channel: null, actor: backend.kind, data: { backend: backend.kind, message } });
  }
}
