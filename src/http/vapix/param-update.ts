import type { ChannelSettings } from '../../io/index.ts';
import { invertFor, portById, type Port } from './ports.ts';

// param.cgi `action=update`: which parameters can be written, and what each means for a channel.
// Names, `Input.Trig` / `Output.Active` (the active circuit: auxio's `invert`) and
// `Output.PulseTime` (the default pulse, `pulseMs`). Everything else in the tree is read-only.

/** The changes for one port, merged so each channel is configured (and journaled) once. */
export interface PortChange {
  port: Port;
  settings: ChannelSettings;
  /** The pairs that asked for it, for an error that names one. */
  pairs: Array<readonly [string, string]>;
}

export type UpdatePlan = { ok: true; changes: PortChange[] } | { ok: false; key: string; value: string };

type Setter = (value: string) => ChannelSettings | undefined;

const NAME_MAX = 64;
const PULSE_MAX_MS = 3_600_000;

const name: Setter = (v) => (v.length >= 1 && v.length <= NAME_MAX && !/[\x00-\x1f\x7f]/.test(v) ? { name: v } : undefined);
const circuit: Setter = (v) => (v === 'open' || v === 'closed' ? { invert: invertFor(v) } : undefined);
const pulseTime: Setter = (v) => (/^[1-9]\d{0,6}$/.test(v) && Number(v) <= PULSE_MAX_MS ? { pulseMs: Number(v) } : undefined);

/** Writable parameters of a port, by direction, keyed by the name below `IOPort.I<n>.` (lower case). */
const SETTERS: Record<Port['direction'], Record<string, Setter>> = {
  input: { 'input.name': name, 'input.trig': circuit },
  output: { 'output.name': name, 'output.active': circuit, 'output.pulsetime': pulseTime },
};

const KEY = /^(?:root\.)?ioport\.i(0|[1-9]\d{0,3})\.(.+)$/i;

/**
 * Checks every pair before anything changes: one bad pair refuses the whole update and names it.
 * @example planUpdate([['root.IOPort.I0.Input.Name', 'Door']], ports) // { ok: true, changes: [{ port, settings: { name: 'Door' } }] }
 */
export function planUpdate(pairs: ReadonlyArray<readonly [string, string]>, ports: Port[]): UpdatePlan {
  const byPort = new Map<number, PortChange>();
  for (const [key, value] of pairs) {
    const found = settingsFor(key, value, ports);
    if (!found) return { ok: false, key, value };
    const change = byPort.get(found.port.id) ?? { port: found.port, settings: {}, pairs: [] };
    change.settings = { ...change.settings, ...found.settings };
    change.pairs.push([key, value]);
    byPort.set(found.port.id, change);
  }
  return { ok: true, changes: [...byPort.values()] };
}

function settingsFor(key: string, value: string, ports: Port[]): { port: Port; settings: ChannelSettings } | undefined {
  const m = KEY.exec(key);
  if (!m) return undefined;
  const port = portById(ports, Number(m[1]));
  const setter = port && SETTERS[port.direction][m[2]!.toLowerCase()];
  const settings = setter?.(value);
  return port && settings ? { port, settings } : undefined;
}
