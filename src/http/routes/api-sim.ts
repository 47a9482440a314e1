import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { isSimulator } from '../../io/index.ts';
import type { HttpDeps } from '../context.ts';
import { HttpError } from '../errors.ts';
import { channelNumber, parseWith } from '../parse.ts';
import { addPath } from '../route-table.ts';

// One object with optional fields rather than a union, so a wrong field is named in the error.
const simBody = z
  .object({
    level: z.union([z.literal(0), z.literal(1)]).optional(),
    pulses: z.number().int().min(1).max(1_000_000).optional(),
    highMs: z.number().int().min(0).max(60_000).default(0),
    lowMs: z.number().int().min(0).max(60_000).default(0),
  })
  .strict()
  .refine((b) => (b.level === undefined) !== (b.pulses === undefined), { message: 'send either level or pulses' });

/** `POST /api/v1/sim/inputs/{n}`: plays the wiring of a simulated input (admin; 404 off the simulator). */
export function registerApiSim(app: FastifyInstance, deps: HttpDeps): void {
  addPath(app, '/api/v1/sim/inputs/:n', {
    POST: {
      role: 'admin',
      handler: async (req) => {
        const raw = (req.params as { n: string }).n;
        const n = channelNumber(raw, deps.hub.inputs().length, 'input');
        const binding = deps.hub.inputBinding(n)!;
        if (!isSimulator(binding.backend)) throw new HttpError('NOT_SIMULATED', raw);
        const body = parseWith(simBody, req.body);
        // Answers once the last edge has reached the hub, so the caller can read the result.
        if (body.level !== undefined) await binding.backend.setLevel(binding.pin, body.level);
        else await binding.backend.pulse(binding.pin, { count: body.pulses!, highMs: body.highMs, lowMs: body.lowMs });
        const state = deps.hub.inputs()[n - 1]!;
        return { id: state.id, level: state.level, pulses: state.pulses };
      },
    },
  });
}
