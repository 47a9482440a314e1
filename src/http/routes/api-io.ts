import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { actorOf, type HttpDeps } from '../context.ts';
import { channelNumber, parseWith } from '../parse.ts';
import { addPath } from '../route-table.ts';
import type { InputState, OutputState } from '../../io/index.ts';

// One object with optional fields rather than a union, so a wrong field is named in the error.
const outputBody = z
  .object({ active: z.boolean().optional(), pulseMs: z.number().int().min(1).max(3_600_000).optional() })
  .strict()
  .refine((b) => (b.active === undefined) !== (b.pulseMs === undefined), { message: 'send either active or pulseMs' });

/** The JSON shape of a channel in /api/v1/io. */
function inputJson(s: InputState) {
  return {
    id: s.id,
    index: s.index,
    name: s.name,
    direction: 'input' as const,
    level: s.level,
    pulses: s.pulses,
    invert: s.invert,
    lastChange: s.lastChange === null ? null : new Date(s.lastChange).toISOString(),
    fault: s.fault,
  };
}

function outputJson(s: OutputState) {
  return {
    id: s.id,
    index: s.index,
    name: s.name,
    direction: 'output' as const,
    active: s.active,
    invert: s.invert,
    pulseMs: s.pulseMs,
    pulseUntil: s.pulseUntil === null ? null : new Date(s.pulseUntil).toISOString(),
    lastChange: s.lastChange === null ? null : new Date(s.lastChange).toISOString(),
    fault: s.fault,
  };
}

/** `GET /api/v1/io`, `PUT /api/v1/outputs/{n}`. */
export function registerApiIo(app: FastifyInstance, deps: HttpDeps): void {
  addPath(app, '/api/v1/io', {
    GET: {
      role: 'viewer',
      handler: () => ({ channels: [...deps.hub.inputs().map(inputJson), ...deps.hub.outputs().map(outputJson)] }),
    },
  });
  addPath(app, '/api/v1/outputs/:n', {
    GET: {
      role: 'viewer',
      handler: (req) => {
        const n = channelNumber((req.params as { n: string }).n, deps.hub.outputs().length, 'output');
        return outputJson(deps.hub.outputs()[n - 1]!);
      },
    },
    PUT: {
      role: 'operator',
      handler: async (req) => {
        const n = channelNumber((req.params as { n: string }).n, deps.hub.outputs().length, 'output');
        const body = parseWith(outputBody, req.body);
        const actor = actorOf('http', req.user);
        const state =
          body.pulseMs !== undefined ? await deps.hub.pulseOutput(n, body.pulseMs, actor) : await deps.hub.setOutput(n, body.active!, actor);
        return outputJson(state);
      },
    },
  });
}
