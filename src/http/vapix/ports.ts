import type { InputState, OutputState } from '../../io/index.ts';

// One numbering of auxio's channels as Axis I/O ports: inputs first, then outputs. The 0-based id
// is the port's id everywhere Axis uses one (`root.IOPort.I<id>`, portmanagement `"port": "<id>"`,
// event sources); port.cgi numbers the same ports from 1 (docs/vapix.md §1.1: "port n is IOPort.I(n-1)").
// With the default channels: 0 and 1 are the inputs, 2 the relay.

/** A circuit state as Axis names it. */
export type Circuit = 'open' | 'closed';

export type Port =
  | { id: number; direction: 'input'; index: number; state: InputState }
  | { id: number; direction: 'output'; index: number; state: OutputState };

/** Every port, in id order. */
export function listPorts(inputs: InputState[], outputs: OutputState[]): Port[] {
  return [
    ...inputs.map((state, i) => ({ id: i, direction: 'input' as const, index: state.index, state })),
    ...outputs.map((state, i) => ({ id: inputs.length + i, direction: 'output' as const, index: state.index, state })),
  ];
}

/** Logical state: an input reading 1, an output switched on. */
export function isActive(port: Port): boolean {
  return port.direction === 'input' ? port.state.level === 1 : port.state.active;
}

/**
 * The circuit state that means active: Axis's `Input.Trig` / `Output.Active`. auxio's default
 * (not inverted) is Axis's default, `closed`; an inverted channel is active on an open circuit.
 */
export function activeCircuit(port: Port): Circuit {
  return port.state.invert ? 'open' : 'closed';
}

/** The `invert` setting that makes `circuit` the active one (the inverse of `activeCircuit`). */
export function invertFor(circuit: Circuit): boolean {
  return circuit === 'open';
}

/** The circuit now: what `port.cgi?check=` reports (1 closed) and getPorts' `state`. */
export function circuitOf(port: Port): Circuit {
  return isActive(port) ? activeCircuit(port) : otherCircuit(activeCircuit(port));
}

/** The circuit when inactive: portmanagement's `normalState`. */
export function normalCircuit(port: Port): Circuit {
  return otherCircuit(activeCircuit(port));
}

function otherCircuit(c: Circuit): Circuit {
  return c === 'open' ? 'closed' : 'open';
}

/** The port with a 0-based id, or undefined. */
export function portById(ports: Port[], id: number): Port | undefined {
  return Number.isInteger(id) ? ports[id] : undefined;
}

/** A 0-based id from its string form (`"2"`); NaN for anything that is not a plain number. */
export function parsePortId(text: unknown): number {
  return typeof text === 'string' && /^(0|[1-9]\d{0,3})$/.test(text) ? Number(text) : NaN;
}
