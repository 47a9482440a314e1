import { createReadStream } from 'node:fs';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { parseSnapshotId, type SnapshotRecord, type StoredSnapshot } from '../../snapshot/index.ts';
import { actorOf, type HttpDeps } from '../context.ts';
import { HttpError } from '../errors.ts';
import { parseWith } from '../parse.ts';
import { addPath } from '../route-table.ts';

const listQuery = z
  .object({
    since: z.coerce.number().int().min(0).optional(),
    limit: z.coerce.number().int().min(1).max(1000).default(50),
  })
  .strict();

const takeBody = z
  .object({ source: z.string().max(32).optional(), label: z.string().max(200).optional() })
  .strict();

function recordJson(r: SnapshotRecord) {
  return { ...r, takenAt: new Date(r.takenAt).toISOString(), url: `/api/v1/snapshots/${r.id}.jpg` };
}

/** Streams a stored picture. Its path comes from the store's index, never from the request. */
function sendJpeg(reply: FastifyReply, stored: StoredSnapshot | undefined, cache: string): FastifyReply {
  if (!stored) throw new HttpError('NOT_FOUND', 'snapshot');
  return reply
    .type('image/jpeg')
    .header('Cache-Control', cache)
    .header('Content-Length', stored.record.bytes)
    .header('X-Snapshot-Id', stored.record.id)
    .send(createReadStream(stored.path));
}

/** `GET /snapshot.jpg`, `GET|POST /api/v1/snapshots`, `GET /api/v1/snapshots/{id}.jpg`. */
export function registerSnapshots(app: FastifyInstance, deps: HttpDeps): void {
  const store = deps.snapshots.store;
  addPath(app, '/snapshot.jpg', {
    GET: { role: 'viewer', handler: (_req, reply) => sendJpeg(reply, store.latest(), 'no-cache') },
  });
  addPath(app, '/api/v1/snapshots', {
    GET: {
      role: 'viewer',
      handler: (req) => ({ snapshots: store.list(parseWith(listQuery, req.query)).map(recordJson) }),
    },
    POST: {
      role: 'operator',
      handler: async (req, reply) => {
        const body = parseWith(takeBody, req.body);
        const actor = actorOf('http', req.user);
        if (body.source !== undefined && !deps.snapshots.source(body.source)) throw new HttpError('NOT_FOUND', `source ${body.source}`);
        const record = await deps.snapshots.take({ ...body, label: body.label ?? actor, actor });
        return reply.code(201).send(recordJson(record));
      },
    },
  });
  addPath(app, '/api/v1/snapshots/:file', {
    GET: {
      role: 'viewer',
      handler: (req, reply) => {
        const file = (req.params as { file: string }).file;
        const id = file.endsWith('.jpg') ? parseSnapshotId(file.slice(0, -4)) : undefined;
        // Ids are numbers looked up in the index: nothing in the URL becomes a path.
        return sendJpeg(reply, id === undefined ? undefined : store.get(id), 'private, max-age=31536000, immutable');
      },
    },
  });
}
