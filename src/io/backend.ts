import type { EventEmitter } from 'node:events';

/** A raw level a backend saw on one input pin, before inversion and debounce. */
export interface RawLevelChange {
  /** 0-based index of the input within this backend. */
  input: number;
  level: 0 | 1;
  /** When the pin changed, ms since the epoch (kernel timestamp where the hardware gives one). */
  at: number;
}

/** Events every backend emits. */
export interface IoBackendEvents {
  level: [change: RawLevelChange];
  /** The backend lost (null: regained) its hardware; levels are unknown while faulted. */
  fault: [fault: { message: string } | null];
}

/**
 * The one seam between auxio and the wires. A backend reports raw pin levels and writes outputs;
 * inversion, debounce, edge detection and pulse counting are the IoHub's.
 */
export interface IoBackend extends EventEmitter<IoBackendEvents> {
  readonly kind: string;
  readonly inputCount: number;
  readonly outputCount: number;
  /** Opens the hardware. Emits no `level` for the initial state: read it with `readInputs`. */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Current raw level of every input. */
  readInputs(): Promise<Array<0 | 1>>;
  /** Drives one output; resolves once the hardware has switched. `level` is the raw pin level. */
  writeOutput(output: number, level: 0 | 1): Promise<void>;
}
