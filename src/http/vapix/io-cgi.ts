import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { addPath } from '../route-table.ts';
import { CgiError, rawQuery, sendLines, textCgi } from './cgi-text.ts';
import {
  ALL_PORTS,
  checkActiveLines,
  checkDirectionLines,
  checkLines,
  INPUTS,
  OUTPUTS,
  planAction,
  requireRole,
  startAction,
  vapixActor,
  type Numbering,
} from './io-ops.ts';
import type { VapixContext } from './vapix-context.ts';

/** One checked query argument, run in turn: reads answer lines, `action` switches and answers none. */
type Run = () => string[] | Promise<string[]>;

/** Checks one argument's value, throwing its CgiError before any argument of the request runs. */
type Argument = (ctx: VapixContext, numbering: Numbering, raw: string, req: FastifyRequest) => Run;

/** A read changes nothing, so reading it once checks it; its lines are read again in turn. */
const read =
  (lines: (ctx: VapixContext, numbering: Numbering, raw: string) => string[]): Argument =>
  (ctx, numbering, raw) => {
    lines(ctx, numbering, raw);
    return () => lines(ctx, numbering, raw);
  };

const check = read(checkLines);
const checkactive = read(checkActiveLines);
const checkdirection = read(checkDirectionLines);
const action: Argument = (ctx, numbering, raw, req) => {
  const planned = planAction(ctx, numbering, raw);
  return async () => {
    await startAction(ctx, planned, vapixActor(req));
    return [];
  };
};

/** The arguments each CGI takes ([AX-IO] for port.cgi; [250S] for the VAPIX 2 CGIs). */
const PORT_CGI: Record<string, Argument> = { check, checkactive, checkdirection, action };
const INPUT_CGI: Record<string, Argument> = { check, checkactive };
const OUTPUT_CGI: Record<string, Argument> = { action, check, checkactive };

/** Arguments that switch something: they need an operator. */
const SWITCHING = new Set(['action']);

/**
 * Answers one I/O CGI request: every argument, its value and the role for switching are checked
 * before any runs, then each runs in the order given and their lines are joined.
 */
function ioCgi(ctx: VapixContext, numbering: Numbering, table: Record<string, Argument>) {
  return textCgi(async (req: FastifyRequest, reply: FastifyReply) => {
    const args = rawQuery(req.url);
    if (args.length === 0) throw new CgiError('No argument given');
    for (const [name] of args) {
      // monitor= (a multipart stream of changes) is not served: changes come as events (SSE, Axis WebSocket).
      if (!Object.hasOwn(table, name)) throw new CgiError(`Unsupported argument '${name.replace(/[^\x20-\x7e]/g, '?')}'`);
    }
    if (args.some(([name]) => SWITCHING.has(name))) requireRole(req, 'operator');
    // A bad value anywhere refuses the whole request before anything in it has switched.
    const runs = args.map(([name, raw]) => table[name]!(ctx, numbering, raw, req));
    const lines: string[] = [];
    for (const run of runs) lines.push(...(await run()));
    return sendLines(reply, lines);
  });
}

/** `/axis-cgi/io/port.cgi`, `/axis-cgi/io/input.cgi`, `/axis-cgi/io/output.cgi`. */
export function registerIoCgis(app: FastifyInstance, ctx: VapixContext): void {
  addPath(app, '/axis-cgi/io/port.cgi', { GET: { role: 'viewer', handler: ioCgi(ctx, ALL_PORTS, PORT_CGI) } });
  addPath(app, '/axis-cgi/io/input.cgi', { GET: { role: 'viewer', handler: ioCgi(ctx, INPUTS, INPUT_CGI) } });
  addPath(app, '/axis-cgi/io/output.cgi', { GET: { role: 'viewer', handler: ioCgi(ctx, OUTPUTS, OUTPUT_CGI) } });
}
