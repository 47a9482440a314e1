import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { actorOf, type HttpDeps } from '../context.ts';
import { HttpError } from '../errors.ts';
import { parseWith } from '../parse.ts';
import { addPath } from '../route-table.ts';
import { redactSecrets } from '../../util/redact.ts';

const SECRET_KEYS = new Set(['password']);

/** The config as admins may read it: every secret replaced (passwords, logins inside URLs), so a screen share leaks nothing. */
export function redactConfig(value: unknown): unknown {
  if (typeof value === 'string') return redactSecrets(value, []);
  if (Array.isArray(value)) return value.map(redactConfig);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, SECRET_KEYS.has(k) && v !== undefined ? '***' : redactConfig(v)]));
  }
  return value;
}

const settingsBody = z
  .object({
    // No control characters, as param.cgi and portmanagement.cgi: a name goes into the journal, MQTT and CGI lines.
    name: z.string().trim().min(1).max(64).regex(/^[^\x00-\x1f\x7f]*$/, 'no control characters').optional(),
    invert: z.boolean().optional(),
    pulseMs: z.number().int().min(1).max(3_600_000).optional(),
  })
  .strict();

/** `GET /api/v1/config`, `PATCH /api/v1/channels/{id}` (name, inversion, default pulse; admin). */
export function registerApiConfig(app: FastifyInstance, deps: HttpDeps): void {
  addPath(app, '/api/v1/config', {
    GET: { role: 'admin', handler: () => redactConfig(deps.config) },
  });
  addPath(app, '/api/v1/channels/:id', {
    PATCH: {
      role: 'admin',
      handler: async (req) => {
        const id = (req.params as { id: string }).id;
        const body = parseWith(settingsBody, req.body);
        const actor = actorOf('http', req.user);
        const input = /^input([1-9]\d{0,3})$/.exec(id);
        const output = /^output([1-9]\d{0,3})$/.exec(id);
        if (input && Number(input[1]) <= deps.hub.inputs().length) {
          if (body.pulseMs !== undefined) throw new HttpError('INVALID_BODY', 'pulseMs: inputs have no pulse length');
          return deps.hub.configureInput(Number(input[1]), body, actor);
        }
        if (output && Number(output[1]) <= deps.hub.outputs().length) return deps.hub.configureOutput(Number(output[1]), body, actor);
        throw new HttpError('NOT_FOUND', `channel ${id.slice(0, 32)}`);
      },
    },
  });
}
