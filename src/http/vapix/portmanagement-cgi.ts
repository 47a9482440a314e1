import type { FastifyInstance } from 'fastify';
import type { ChannelSettings } from '../../io/index.ts';
import { actorOf } from '../context.ts';
import { hasRole, registerJsonCgi, type JsonCall } from './json-cgi.ts';
import { AxisJsonError, PORT_MANAGEMENT_ERRORS as E, SEQUENCE_ONGOING } from './json-errors.ts';
import { ACTION_LIMITS } from './action-string.ts';
import { activeCircuit, circuitOf, invertFor, normalCircuit, parsePortId, portById, type Circuit, type Port } from './ports.ts';
import { planSteps } from './sequence-plan.ts';
import { currentPorts, type VapixContext } from './vapix-context.ts';

// `/axis-cgi/io/portmanagement.cgi` ([AX-PM], docs/vapix.md §3). States are circuit states:
// `closed` is on for a relay that is not inverted (Home Assistant's switch sends closed for on),
// and `normalState` is the circuit when inactive, i.e. auxio's `invert`.

const VERSIONS = ['1.0'] as const;
const MAX_PORTS = 256;
const NAME_MAX = 64;
/** [AX-PM]: each step's time is at most 65535 ms. */
const MAX_STEP_MS = 65_535;

/** One item of getPorts, fields in Axis's order; `readonly` is left out (only sent when true, and never read). */
function portItem(port: Port) {
  return {
    port: String(port.id),
    state: circuitOf(port),
    configurable: false,
    usage: '',
    direction: port.direction,
    name: port.state.name,
    normalState: normalCircuit(port),
  };
}

function getPorts(ctx: VapixContext) {
  const ports = currentPorts(ctx);
  return { numberOfPorts: ports.length, ...(ports.length > 0 ? { items: ports.map(portItem) } : {}) };
}

/** One checked setPorts entry. */
interface PortEdit {
  port: Port;
  state?: Circuit;
  settings: ChannelSettings;
}

const isCircuit = (v: unknown): v is Circuit => v === 'open' || v === 'closed';
const isName = (v: unknown): v is string => typeof v === 'string' && v.length >= 1 && v.length <= NAME_MAX && !/[\x00-\x1f\x7f]/.test(v);

/** The port an entry's `port` names: 2103 when missing, 2104 when not a port. */
function portOf(value: unknown, ports: Port[]): Port {
  if (value === undefined) throw new AxisJsonError(E.missing, "'port' is missing");
  const port = portById(ports, parsePortId(value));
  if (!port) throw new AxisJsonError(E.invalid, undefined, { port: asText(value) });
  return port;
}

/** A JSON value as an answer names it: `String()` throws on an object like `{"toString": 1}`. */
function asText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Checks one property of an entry and records it; a property auxio cannot change is refused by name. */
function checkProperty(edit: PortEdit, key: string, value: unknown): void {
  const { port } = edit;
  const refuse = () => new AxisJsonError(E.invalid, undefined, { port: String(port.id), propertyName: key });
  if (key === 'state' && isCircuit(value) && port.direction === 'output') edit.state = value;
  else if (key === 'name' && isName(value)) edit.settings.name = value;
  else if (key === 'normalState' && isCircuit(value)) edit.settings.invert = invertFor(value === 'open' ? 'closed' : 'open');
  // Directions are fixed and usage is not kept: only the values getPorts reports are accepted.
  else if (!(key === 'direction' && value === port.direction) && !(key === 'usage' && value === '')) throw refuse();
}

function parseEdits(params: Record<string, unknown>, ports: Port[]): PortEdit[] {
  const list = params.ports;
  if (list === undefined) throw new AxisJsonError(E.missing, "'ports' is missing");
  if (!Array.isArray(list) || list.length === 0 || list.length > MAX_PORTS) throw new AxisJsonError(E.invalid, "'ports' must be a list of 1 to 256 ports");
  return list.map((entry: unknown) => {
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) throw new AxisJsonError(E.invalid, "each port must be an object");
    const edit: PortEdit = { port: portOf((entry as Record<string, unknown>).port, ports), settings: {} };
    for (const [key, value] of Object.entries(entry)) if (key !== 'port') checkProperty(edit, key, value);
    return edit;
  });
}

/** setPorts: every entry is checked before anything changes; names and normal states need an admin. */
async function setPorts(ctx: VapixContext, call: JsonCall): Promise<{ ports: string[] }> {
  const edits = parseEdits(call.params, currentPorts(ctx));
  const configures = edits.some((e) => Object.keys(e.settings).length > 0);
  if (configures && !hasRole(call.user, 'admin')) throw new AxisJsonError(E.forbidden).forbidden();
  const actor = actorOf('vapix', call.user);
  const changed: string[] = [];
  for (const edit of edits) {
    if (await applyEdit(ctx, edit, actor)) changed.push(String(edit.port.id));
  }
  return { ports: [...new Set(changed)] };
}

/** Settings first (a new normal state changes what `state` means), then the state. False when the entry asked nothing. */
async function applyEdit(ctx: VapixContext, edit: PortEdit, actor: string): Promise<boolean> {
  const { port, settings, state } = edit;
  const configure = Object.keys(settings).length > 0;
  if (configure && port.direction === 'input') ctx.channels.configureInput(port.index, settings, actor);
  if (configure && port.direction === 'output') await ctx.channels.configureOutput(port.index, settings, actor);
  if (state !== undefined) {
    const invert = settings.invert ?? port.state.invert;
    ctx.sequencer.cancel(port.index);
    // Active when the asked circuit is the one this (possibly just changed) inversion calls active.
    await ctx.relay.setOutput(port.index, invertFor(state) === invert, actor);
  }
  return configure || state !== undefined;
}

/** setStateSequence: runs once, the last state stays; refused while one is running on that port ([AX-PM]). */
async function setStateSequence(ctx: VapixContext, call: JsonCall): Promise<{ port: string }> {
  const port = portOf(call.params.port, currentPorts(ctx));
  if (port.direction !== 'output') throw new AxisJsonError(E.invalid, undefined, { port: String(port.id), propertyName: 'port' });
  const sequence = call.params.sequence;
  if (sequence === undefined) throw new AxisJsonError(E.missing, "'sequence' is missing");
  if (!Array.isArray(sequence) || sequence.length === 0 || sequence.length > ACTION_LIMITS.maxSteps) {
    throw new AxisJsonError(E.invalid, `'sequence' must be a list of 1 to ${ACTION_LIMITS.maxSteps} steps`);
  }
  const steps = sequence.map((s: unknown) => checkStep(s));
  if (ctx.sequencer.busy(port.index)) throw new AxisJsonError(SEQUENCE_ONGOING);
  const active = activeCircuit(port);
  // `time` is the delay after its own state, so each step waits for the previous step's time.
  const plan = planSteps(
    steps.map((s, i) => ({ waitMs: i === 0 ? 0 : steps[i - 1]!.time, active: s.state === active })),
    steps[steps.length - 1]!.time,
  );
  await ctx.sequencer.start(port.index, plan, actorOf('vapix', call.user));
  return { port: String(port.id) };
}

function checkStep(step: unknown): { state: Circuit; time: number } {
  const s = step as { state?: unknown; time?: unknown } | null;
  if (typeof s !== 'object' || s === null || s.state === undefined || s.time === undefined) {
    throw new AxisJsonError(E.missing, "each step needs 'state' and 'time'");
  }
  if (!isCircuit(s.state) || !Number.isInteger(s.time) || (s.time as number) < 0 || (s.time as number) > MAX_STEP_MS) {
    throw new AxisJsonError(E.invalid, `a step is {"state": "open"|"closed", "time": 0-${MAX_STEP_MS}}`);
  }
  return { state: s.state, time: s.time as number };
}

/** `POST /axis-cgi/io/portmanagement.cgi`: getPorts for viewers; setPorts and setStateSequence for operators. */
export function registerPortManagement(app: FastifyInstance, ctx: VapixContext): void {
  registerJsonCgi(app, {
    url: '/axis-cgi/io/portmanagement.cgi',
    versions: VERSIONS,
    errors: E,
    methods: {
      getPorts: { run: () => getPorts(ctx) },
      setPorts: { role: 'operator', run: (call) => setPorts(ctx, call) },
      setStateSequence: { role: 'operator', run: (call) => setStateSequence(ctx, call) },
      getSupportedVersions: { apiVersion: 'optional', run: () => ({ apiVersions: [...VERSIONS] }) },
    },
  });
}
