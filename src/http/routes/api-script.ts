import type { FastifyInstance } from 'fastify';
import { actorOf, type HttpDeps } from '../context.ts';
import { HttpError } from '../errors.ts';
import { channelNumber } from '../parse.ts';
import { addPath } from '../route-table.ts';

/** `GET|PUT /api/v1/script`, `POST /api/v1/script/entries/{n}/run`. */
export function registerApiScript(app: FastifyInstance, deps: HttpDeps): void {
  addPath(app, '/api/v1/script', {
    GET: {
      role: 'admin',
      handler: (_req, reply) => reply.type('text/plain; charset=utf-8').header('Cache-Control', 'no-cache').send(deps.engine.text()),
    },
    PUT: {
      role: 'admin',
      handler: async (req) => {
        const text = scriptText(req.body);
        const result = await deps.engine.replace(text, actorOf('http', req.user));
        if (!result.ok) {
          // The running script keeps running; the editor shows each error at its line.
          const details = result.errors.map(({ line, column, message, code }) => ({ line, column, code, message }));
          throw new HttpError('SCRIPT_INVALID', result.errors[0]!.message).withDetails(details);
        }
        return { entries: result.entries };
      },
    },
  });
  addPath(app, '/api/v1/script/check', {
    POST: {
      role: 'admin',
      // The editor's live validation: the same parser, nothing saved.
      handler: (req) => {
        const result = deps.engine.check(scriptText(req.body));
        return result.ok
          ? { ok: true, entries: result.entries, errors: [] }
          : { ok: false, entries: 0, errors: result.errors.map(({ line, column, message, code }) => ({ line, column, code, message })) };
      },
    },
  });
  addPath(app, '/api/v1/script/entries/:n/run', {
    POST: {
      role: 'operator',
      handler: async (req, reply) => {
        const n = channelNumber((req.params as { n: string }).n, deps.engine.entries().length, 'script entry');
        deps.engine.runByHand(n, actorOf('http', req.user));
        return reply.code(202).send({ entry: n, accepted: true });
      },
    },
  });
}

/** The script arrives as text/plain, or as JSON `{"text": "..."}`. */
function scriptText(body: unknown): string {
  if (typeof body === 'string') return body;
  if (body && typeof body === 'object' && typeof (body as { text?: unknown }).text === 'string') return (body as { text: string }).text;
  throw new HttpError('INVALID_BODY', 'send the script as text/plain, or JSON {"text": "..."}');
}
