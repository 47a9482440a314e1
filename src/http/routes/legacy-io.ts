import type { FastifyInstance, FastifyReply } from 'fastify';
import { formatInputTxt } from '../../io/index.ts';
import { actorOf, type HttpDeps } from '../context.ts';
import { addPath } from '../route-table.ts';

// The AXIS 200's auxiliary I/O files, byte for byte: existing scripts parse these exact texts.
const RELAY_ON = 'Relay is On';
const RELAY_OFF = 'Relay is Off';
const LISTING =
  '<html><head><title>Index of /io/</title></head><body><h1>Index of /io/</h1><ul>\n' +
  '<li><a href="relayon.txt">relayon.txt</a></li>\n' +
  '<li><a href="relayoff.txt">relayoff.txt</a></li>\n' +
  '<li><a href="input.txt">input.txt</a></li>\n' +
  '</ul></body></html>\n';

function plain(reply: FastifyReply, body: string): FastifyReply {
  return reply
    .header('Content-Type', 'text/plain')
    .header('Cache-Control', 'no-cache, no-store')
    .header('Pragma', 'no-cache')
    .send(body);
}

/** `/io/`, `/io/relayon.txt`, `/io/relayoff.txt`, `/io/input.txt`. */
export function registerLegacyIo(app: FastifyInstance, deps: HttpDeps): void {
  addPath(app, '/io/', {
    GET: {
      role: 'viewer',
      handler: (_req, reply) => reply.header('Content-Type', 'text/html').header('Cache-Control', 'no-cache').send(LISTING),
    },
  });
  addPath(app, '/io/relayon.txt', {
    GET: {
      role: 'operator',
      handler: async (req, reply) => {
        // Answer only once the relay has switched.
        await deps.hub.setOutput(1, true, actorOf('http', req.user));
        return plain(reply, RELAY_ON);
      },
    },
  });
  addPath(app, '/io/relayoff.txt', {
    GET: {
      role: 'operator',
      handler: async (req, reply) => {
        await deps.hub.setOutput(1, false, actorOf('http', req.user));
        return plain(reply, RELAY_OFF);
      },
    },
  });
  addPath(app, '/io/input.txt', {
    GET: {
      role: 'viewer',
      handler: (req, reply) => {
        const peek = Object.hasOwn(req.query as object, 'peek');
        return plain(reply, formatInputTxt(deps.hub.readInterval({ peek })));
      },
    },
  });
}
