import type { FastifyInstance, FastifyReply, FastifyRequest, HTTPMethods } from 'fastify';
import type { Role } from './auth/index.ts';
import { HttpError } from './errors.ts';

type Handler = (request: FastifyRequest, reply: FastifyReply) => unknown;

/** One method of a path: the least role it needs and its handler. */
export interface MethodRoute {
  role?: Role;
  handler: Handler;
}

const ALL_METHODS: HTTPMethods[] = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'];

/**
 * Registers a path's methods from a table, and a 405 naming the allowed ones for every other
 * method (HEAD included, unless listed), so a wrong method is told apart from a wrong path.
 * @example addPath(app, '/api/v1/io', { GET: { role: 'viewer', handler: listIo } })
 */
export function addPath(app: FastifyInstance, url: string, methods: Partial<Record<HTTPMethods, MethodRoute>>): void {
  const allowed = Object.keys(methods) as HTTPMethods[];
  for (const method of allowed) {
    const route = methods[method]!;
    // No implicit HEAD: a HEAD of relayon.txt would switch the relay, and of input.txt end an interval.
    app.route({ method, url, exposeHeadRoute: false, config: route.role ? { role: route.role } : {}, handler: route.handler });
  }
  const others = ALL_METHODS.filter((m) => !allowed.includes(m));
  if (others.length === 0) return;
  app.route({
    method: others,
    url,
    handler: async (request, reply) => {
      reply.header('Allow', allowed.join(', '));
      throw new HttpError('METHOD_NOT_ALLOWED', request.method, allowed.join(', '));
    },
  });
}
