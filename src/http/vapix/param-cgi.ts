import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { addPath } from '../route-table.ts';
import { sendLatin1Lines } from './cgi-text.ts';
import { requireRole, vapixActor } from './io-ops.ts';
import { buildParamTree, listParams } from './param-tree.ts';
import { planUpdate, type PortChange } from './param-update.ts';
import { currentPorts, type VapixContext } from './vapix-context.ts';

// `/axis-cgi/param.cgi` (docs/vapix.md §2). Every answer is 200: the axis library aborts Home
// Assistant's set-up on any 4xx/5xx for a group, so a failure is a `# Error:` line, as on Axis.

type Pair = [string, string];
type Action = (ctx: VapixContext, pairs: Pair[], req: FastifyRequest) => Promise<string[]> | string[];

/**
 * The query and the body as one ordered list. The axis library POSTs a URL-encoded body labelled
 * `text/plain` (§2.1), so the body is read as a form whatever its label.
 */
function formPairs(req: FastifyRequest): Pair[] {
  const q = req.url.indexOf('?');
  const query = q < 0 ? '' : req.url.slice(q + 1);
  const body = typeof req.body === 'string' ? req.body : '';
  return [...new URLSearchParams(query), ...new URLSearchParams(body.trim())];
}

/** `action=list&group=a,b`: the listing of each group in the order asked; no group lists everything. */
const list: Action = (ctx, pairs) => {
  const groups = pairs
    .filter(([k]) => k === 'group')
    .flatMap(([, v]) => v.split(','))
    .map((g) => g.trim())
    .filter((g) => g !== '');
  const tree = buildParamTree({ identity: ctx.identity, ports: currentPorts(ctx), image: ctx.image });
  return listParams(tree, groups);
};

/** `action=update&IOPort.I0.Input.Name=Door[&...]`: all or nothing, admins only. */
const update: Action = async (ctx, pairs, req) => {
  requireRole(req, 'admin');
  const params = pairs.filter(([k]) => k !== 'action' && k !== 'usergroup');
  if (params.length === 0) return ['# Error: No parameter to update'];
  const plan = planUpdate(params, currentPorts(ctx));
  if (!plan.ok) return [settingError(plan.key, plan.value)];
  for (const change of plan.changes) {
    try {
      await apply(ctx, change, vapixActor(req));
    } catch (err) {
      req.log.error({ err, port: change.port.id }, 'param.cgi update failed');
      const [key, value] = change.pairs[0]!;
      return [settingError(key, value)];
    }
  }
  return ['OK'];
};

/** One port's settings through the `ChannelConfigurator`: journaled, and kept across restarts. */
async function apply(ctx: VapixContext, change: PortChange, actor: string): Promise<void> {
  if (change.port.direction === 'input') ctx.channels.configureInput(change.port.index, change.settings, actor);
  else await ctx.channels.configureOutput(change.port.index, change.settings, actor);
}

/** Axis's update failure line ([AX-PARAM]). */
function settingError(key: string, value: string): string {
  return `# Error: Error setting '${oneLine(key)}' to '${oneLine(value)}'!`;
}

function oneLine(text: string): string {
  return text.replace(/[\x00-\x1f\x7f]+/g, ' ');
}

const ACTIONS: Record<string, Action> = { list, update };

async function paramCgi(ctx: VapixContext, req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  const pairs = formPairs(req);
  const action = pairs.find(([k]) => k === 'action')?.[1] ?? '';
  const run = Object.hasOwn(ACTIONS, action) ? ACTIONS[action]! : undefined;
  // add, remove and listdefinitions exist on Axis; auxio's parameters are fixed, so they are refused.
  const lines = run ? await run(ctx, pairs, req) : [`# Error: Unsupported action '${oneLine(action)}'`];
  return sendLatin1Lines(reply, lines);
}

/** `GET|POST /axis-cgi/param.cgi`: list for viewers, update for admins. */
export function registerParamCgi(app: FastifyInstance, ctx: VapixContext): void {
  const handler = (req: FastifyRequest, reply: FastifyReply) => paramCgi(ctx, req, reply);
  addPath(app, '/axis-cgi/param.cgi', { GET: { role: 'viewer', handler }, POST: { role: 'viewer', handler } });
}
