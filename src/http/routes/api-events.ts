import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { JOURNAL_KINDS } from '../../journal/index.ts';
import type { HttpDeps } from '../context.ts';
import { eventJson } from '../event-json.ts';
import { parseWith } from '../parse.ts';
import { addPath } from '../route-table.ts';
import { openEventStream } from '../sse.ts';

const kinds = z.enum(JOURNAL_KINDS);
const seq = z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

const listQuery = z
  .object({
    since: seq.optional(),
    before: seq.optional(),
    limit: z.coerce.number().int().min(1).max(1000).default(100),
    channel: z.string().max(32).optional(),
    kind: kinds.optional(),
    order: z.enum(['asc', 'desc']).default('asc'),
  })
  .strict();

const streamQuery = z
  .object({ since: seq.optional(), channel: z.string().max(32).optional(), kind: kinds.optional() })
  .strict();

/** `GET /api/v1/events` (the journal, paged) and `GET /api/v1/events/stream` (SSE). */
export function registerApiEvents(app: FastifyInstance, deps: HttpDeps): void {
  addPath(app, '/api/v1/events', {
    GET: {
      role: 'viewer',
      handler: (req) => {
        const q = parseWith(listQuery, req.query);
        const events = deps.journal.query({ ...q, descending: q.order === 'desc' });
        return { events: events.map(eventJson), lastSeq: deps.journal.lastSeq() };
      },
    },
  });
  addPath(app, '/api/v1/events/stream', {
    GET: {
      role: 'viewer',
      handler: (req, reply) => {
        const q = parseWith(streamQuery, req.query);
        const header = req.headers['last-event-id'];
        const lastId = typeof header === 'string' && /^\d{1,15}$/.test(header) ? Number(header) : undefined;
        openEventStream(req, reply, deps.journal, { since: lastId ?? q.since, channel: q.channel, kind: q.kind });
      },
    },
  });
}
