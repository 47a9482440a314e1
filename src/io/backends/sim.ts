import { EventEmitter } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import type { IoBackend, IoBackendEvents } from '../backend.ts';

export interface SimBackendOptions {
  inputs: number;
  outputs: number;
  /** Raw level of every input at power-on (default all 0). */
  initialLevels?: Array<0 | 1>;
}

/** A train of pulses as wiring would make it: high for `highMs`, then low for `lowMs`, `count` times. */
export interface PulseTrain {
  count: number;
  highMs: number;
  lowMs: number;
}

/** The simulator's extra surface: what the sim API and tests use to play the wiring. */
export interface SimulatorControl {
  /** Sets a raw pin level; the change arrives at the hub asynchronously, like a hardware edge. */
  setLevel(input: number, level: 0 | 1): Promise<void>;
  /** Plays a pulse train on a pin; resolves when the last edge has been delivered. */
  pulse(input: number, train: PulseTrain): Promise<void>;
  /** Raw output levels as the "hardware" holds them. */
  outputLevels(): Array<0 | 1>;
}

/**
 * Simulated pins that behave like hardware: edges are delivered asynchronously, one per turn of the
 * event loop at the least, and the requested timing is honoured, so code paths are the real ones.
 */
export class SimBackend extends EventEmitter<IoBackendEvents> implements IoBackend, SimulatorControl {
  readonly kind = 'sim';
  readonly inputCount: number;
  readonly outputCount: number;
  #inputs: Array<0 | 1>;
  #outputs: Array<0 | 1>;
  #running = false;

  constructor(options: SimBackendOptions) {
    super();
    this.inputCount = options.inputs;
    this.outputCount = options.outputs;
    this.#inputs = Array.from({ length: options.inputs }, (_, i) => options.initialLevels?.[i] ?? 0);
    this.#outputs = Array.from({ length: options.outputs }, () => 0);
  }

  async start(): Promise<void> {
    this.#running = true;
  }

  async stop(): Promise<void> {
    this.#running = false;
  }

  async readInputs(): Promise<Array<0 | 1>> {
    return [...this.#inputs];
  }

  async writeOutput(output: number, level: 0 | 1): Promise<void> {
    this.#checkIndex(output, this.outputCount, 'output');
    this.#outputs[output] = level;
  }

  outputLevels(): Array<0 | 1> {
    return [...this.#outputs];
  }

  async setLevel(input: number, level: 0 | 1): Promise<void> {
    this.#checkIndex(input, this.inputCount, 'input');
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (!this.#running || this.#inputs[input] === level) return;
    this.#inputs[input] = level;
    this.emit('level', { input, level, at: Date.now() });
  }

  async pulse(input: number, train: PulseTrain): Promise<void> {
    this.#checkIndex(input, this.inputCount, 'input');
    for (let i = 0; i < train.count && this.#running; i++) {
      await this.setLevel(input, 1);
      if (train.highMs > 0) await sleep(train.highMs);
      await this.setLevel(input, 0);
      if (train.lowMs > 0) await sleep(train.lowMs);
    }
  }

  #checkIndex(index: number, count: number, what: string): void {
    if (!Number.isInteger(index) || index < 0 || index >= count) {
      throw new RangeError(`simulator has no ${what} ${index + 1}`);
    }
  }
}

/** Type guard: the backend can be played by the sim API. */
export function isSimulator(backend: IoBackend): backend is IoBackend & SimulatorControl {
  return backend instanceof SimBackend;
}
