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
  requireRole,
  runAction,
  vapixActor,
  type Numbering,
} from './io-ops.ts';
import type { VapixContext } from './vapix-context.ts';

/** What one query argument does: reads answer lines, `action` switches and answers nothing. */
type Argument = (ctx: VapixContext, numbering: Numbering, raw: string, req: FastifyRequest) => string[] | Promise<string[]>;

const check: Argument = (ctx, numbering, raw) => checkLines(ctx, numbering, raw);
const checkactive: Argument = (ctx, numbering, raw) => checkActiveLines(ctx, numbering, raw);
const checkdirection: Argument = (ctx, numbering, raw) => checkDirectionLines(ctx, numbering, raw);
const action: Argument = async (ctx, numbering, raw, req) => {
  await runAction(ctx, numbering, raw, vapixActor(req));
  return [];
};

/** The arguments each CGI takes ([AX-IO] for port.cgi; [250S] for the VAPIX 2 CGIs). */
const PORT_CGI: Record<string, Argument> = { check, checkactive, checkdirection, action };
const INPUT_CGI: Record<string, Argument> = { check, checkactive };
const OUTPUT_CGI: Record<string, Argument> = { action, check, checkactive };

/** Arguments that switch something: they need an operator. */
const SWITCHING = new Set(['action']);

/**
 * Answers one I/O CGI request: every argument is checked (and the role for switching) before any
 * runs, then each runs in the order given and their lines are joined.
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
    const lines: string[] = [];
    for (const [name, raw] of args) lines.push(...(await table[name]!(ctx, numbering, raw, req)));
    return sendLines(reply, lines);
  });
}

/** `/axis-cgi/io/port.cgi`, `/axis-cgi/io/input.cgi`, `/axis-cgi/io/output.cgi`. */
export function registerIoCgis(app: FastifyInstance, ctx: VapixContext): void {
  addPath(app, '/axis-cgi/io/port.cgi', { GET: { role: 'viewer', handler: ioCgi(ctx, ALL_PORTS, PORT_CGI) } });
  addPath(app, '/axis-cgi/io/input.cgi', { GET: { role: 'viewer', handler: ioCgi(ctx, INPUTS, INPUT_CGI) } });
  addPath(app, '/axis-cgi/io/output.cgi', { GET: { role: 'viewer', handler: ioCgi(ctx, OUTPUTS, OUTPUT_CGI) } });
}
