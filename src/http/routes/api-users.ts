import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { HttpDeps } from '../context.ts';
import { HttpError } from '../errors.ts';
import { parseWith } from '../parse.ts';
import { addPath } from '../route-table.ts';

const userBody = z
  .object({
    password: z.string().min(4).max(256).optional(),
    role: z.enum(['viewer', 'operator', 'admin']).optional(),
  })
  .strict();

const USERNAME = /^[A-Za-z0-9._-]{1,32}$/;

/** `GET /api/v1/users`, `PUT|DELETE /api/v1/users/{name}`. Anyone may change their own password. */
export function registerApiUsers(app: FastifyInstance, deps: HttpDeps): void {
  addPath(app, '/api/v1/users', {
    GET: { role: 'admin', handler: () => ({ users: deps.users.list() }) },
  });
  addPath(app, '/api/v1/users/:name', {
    PUT: {
      role: 'viewer',
      handler: async (req, reply) => {
        const name = (req.params as { name: string }).name;
        if (!USERNAME.test(name)) throw new HttpError('BAD_REQUEST', 'a username is 1-32 of A-Z a-z 0-9 . _ -');
        const body = parseWith(userBody, req.body);
        const me = req.user!;
        const self = me.username === name && body.role === undefined;
        if (me.role !== 'admin' && !self) throw new HttpError('FORBIDDEN', 'admin');
        const existing = deps.users.find(name);
        if (!existing && (!body.password || !body.role)) {
          throw new HttpError('INVALID_BODY', 'a new user needs a password and a role');
        }
        if (existing?.role === 'admin' && body.role && body.role !== 'admin' && deps.users.adminCount() === 1) {
          throw new HttpError('CONFLICT', 'the last admin cannot lose the admin role');
        }
        const role = body.role ?? existing!.role;
        if (body.password) deps.users.set(name, role, body.password);
        else deps.users.setRole(name, role);
        deps.journal.append({
          kind: 'user',
          actor: `http:${me.username}`,
          data: { username: name, change: existing ? 'updated' : 'created', role },
        });
        reply.code(existing ? 200 : 201);
        return { username: name, role };
      },
    },
    DELETE: {
      role: 'admin',
      handler: async (req, reply) => {
        const name = (req.params as { name: string }).name;
        const existing = deps.users.find(name);
        if (!existing) throw new HttpError('NOT_FOUND', `user ${name.slice(0, 32)}`);
        if (existing.role === 'admin' && deps.users.adminCount() === 1) {
          throw new HttpError('CONFLICT', 'the last admin cannot be deleted');
        }
        deps.users.delete(name);
        deps.journal.append({ kind: 'user', actor: `http:${req.user!.username}`, data: { username: name, change: 'deleted' } });
        return reply.code(204).send();
      },
    },
  });
}
