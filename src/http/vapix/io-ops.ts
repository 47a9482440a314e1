import type { FastifyRequest } from 'fastify';
import { roleAllows, type Role } from '../auth/index.ts';
import { HttpError } from '../errors.ts';
import { actorOf } from '../context.ts';
import { parseActionString } from './action-string.ts';
import { CgiError, numberList } from './cgi-text.ts';
import { circuitOf, isActive, type Port } from './ports.ts';
import { planSteps, type SequencePlan } from './sequence-plan.ts';
import { currentPorts, type VapixContext } from './vapix-context.ts';

// What port.cgi, input.cgi and output.cgi share: each numbers its own set of ports from 1
// (port.cgi: every port; the VAPIX 2 CGIs: inputs 1..n, outputs 1..m; docs/vapix.md §1.3), and
// reads and switches them the same way.

/** One CGI's view of the ports: the word its answers use and the ports it numbers. */
export interface Numbering {
  /** `port`, `input` or `output`: the answer's `port1=`, and the error's `Port 1`. */
  label: 'port' | 'input' | 'output';
  select(ports: Port[]): Port[];
}

export const ALL_PORTS: Numbering = { label: 'port', select: (p) => p };
export const INPUTS: Numbering = { label: 'input', select: (p) => p.filter((x) => x.direction === 'input') };
export const OUTPUTS: Numbering = { label: 'output', select: (p) => p.filter((x) => x.direction === 'output') };

/** The actor of a VAPIX change: `vapix:<user>`. */
export function vapixActor(req: FastifyRequest): string {
  return actorOf('vapix', req.user);
}

/** Refuses the request unless its user holds `need` (the route itself asked only for a viewer). */
export function requireRole(req: FastifyRequest, need: Role): void {
  if (!req.user || !roleAllows(req.user.role, need)) throw new HttpError('FORBIDDEN', need);
}

/** `check=1,2` → `port1=0`, `port2=1`: the circuit, 1 closed (docs/vapix.md §1.1, not the logical state). */
export function checkLines(ctx: VapixContext, numbering: Numbering, raw: string): string[] {
  return pick(ctx, numbering, raw).map(([n, port]) => `${numbering.label}${n}=${circuitOf(port) === 'closed' ? 1 : 0}`);
}

/** `checkactive=3` → `port3=active|inactive`: the logical state. */
export function checkActiveLines(ctx: VapixContext, numbering: Numbering, raw: string): string[] {
  return pick(ctx, numbering, raw).map(([n, port]) => `${numbering.label}${n}=${isActive(port) ? 'active' : 'inactive'}`);
}

/** `checkdirection=1` → `port1=input|output`. */
export function checkDirectionLines(ctx: VapixContext, numbering: Numbering, raw: string): string[] {
  return pick(ctx, numbering, raw).map(([n, port]) => `${numbering.label}${n}=${port.direction}`);
}

/** A checked action: the output it switches (1-based) and its switches in time. */
export interface PlannedAction {
  index: number;
  plan: SequencePlan;
}

/** Reads an action string and finds the output it names; a CgiError if either is wrong. Switches nothing. */
export function planAction(ctx: VapixContext, numbering: Numbering, raw: string): PlannedAction {
  const parsed = parseActionString(raw);
  if (!parsed.ok) throw new CgiError(`Invalid action '${raw}': ${parsed.reason}`);
  const ports = numbering.select(currentPorts(ctx));
  const n = parsed.action.port ?? firstOutput(ports);
  const port = ports[n - 1];
  if (!port) throw new CgiError(`${title(numbering)} ${n} does not exist`);
  if (port.direction !== 'output') throw new CgiError(`${title(numbering)} ${n} is an input`);
  return { index: port.index, plan: planSteps(parsed.action.steps) };
}

/**
 * Runs a planned action: the first switch before this resolves, the rest in the background
 * (cancelled by a newer command on that output).
 */
export async function startAction(ctx: VapixContext, action: PlannedAction, actor: string): Promise<void> {
  await ctx.sequencer.start(action.index, action.plan, actor);
}

/** "Port omitted → output 1" ([AX-IO]): the first output, in this CGI's numbering. */
function firstOutput(ports: Port[]): number {
  const i = ports.findIndex((p) => p.direction === 'output');
  if (i < 0) throw new CgiError('There is no output');
  return i + 1;
}

/** The numbered ports a `check`-style list names, in the order asked. */
function pick(ctx: VapixContext, numbering: Numbering, raw: string): Array<[number, Port]> {
  const list = numberList(raw);
  if (!list) throw new CgiError(`Invalid ${numbering.label} list '${raw}'`);
  const ports = numbering.select(currentPorts(ctx));
  return list.map((n) => {
    const port = ports[n - 1];
    if (!port) throw new CgiError(`${title(numbering)} ${n} does not exist`);
    return [n, port];
  });
}

function title(numbering: Numbering): string {
  return numbering.label[0]!.toUpperCase() + numbering.label.slice(1);
}
