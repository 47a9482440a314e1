import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance } from 'fastify';
import { WebSocketServer } from 'ws';
import { roleAllows, type Role } from '../auth/index.ts';
import type { HttpDeps } from '../context.ts';
import { addPath } from '../route-table.ts';
import { factoryLoginRefused } from '../factory-login.ts';
import { EventSocket } from './event-socket.ts';
import { SessionTokens } from './session-tokens.ts';

export const WS_PATH = '/vapix/ws-data-stream';
let socketCounter = 0;

/**
 * Axis event streaming over WebSocket: `GET /axis-cgi/wssession.cgi` hands out a one-time token,
 * and `/vapix/ws-data-stream?sources=events` upgrades with that token or a Basic/Digest login.
 */
export function registerAxisEvents(app: FastifyInstance, deps: HttpDeps): void {
  const tokens = new SessionTokens();
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  addPath(app, '/axis-cgi/wssession.cgi', {
    GET: {
      role: 'viewer',
      handler: (req, reply) => reply.type('text/plain').header('Cache-Control', 'no-store').send(tokens.issue(req.user!)),
    },
  });
  app.server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    void upgrade(req, socket, head).catch((err: unknown) => {
      deps.log.error({ err }, 'websocket upgrade failed');
      socket.destroy();
    });
  });
  app.addHook('onClose', (_app, done) => {
    for (const client of wss.clients) client.terminate();
    wss.close(() => done());
  });

  async function upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://auxio');
    if (url.pathname !== WS_PATH) return refuse(socket, 404, 'Not Found');
    if (!(url.searchParams.get('sources') ?? '').split(',').includes('events')) return refuse(socket, 400, 'Bad Request');
    // Another site's page must not read the events with the browser's cached login.
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== `http://${req.headers.host}` && origin !== `https://${req.headers.host}`) return refuse(socket, 403, 'Forbidden');
    const address = req.socket.remoteAddress ?? '';
    const user = await authenticate(req, url, address, socket);
    if (!user) return;
    wss.handleUpgrade(req, socket, head, (ws) => {
      new EventSocket({
        ws,
        hub: deps.hub,
        journal: deps.journal,
        address,
        owner: `axis-ws#${++socketCounter}`,
        onDropped: (reason) => deps.journal.append({ kind: 'client_dropped', actor: user.username, data: { transport: 'axis-websocket', address, reason } }),
      });
    });
  }

  /** A fresh token, or a Basic/Digest login with at least the viewer role; else 401 and no socket. */
  async function authenticate(req: IncomingMessage, url: URL, address: string, socket: Duplex) {
    const token = url.searchParams.get('wssession');
    if (token) {
      const user = tokens.redeem(token);
      if (user && roleAllows(user.role as Role, 'viewer')) return user;
    }
    const result = deps.authenticator.authenticate({ method: 'GET', uri: req.url ?? '', authorization: req.headers.authorization, remoteAddress: address });
    if (result.ok) {
      const usesFactoryPassword = deps.users.usesFactoryPassword(result.user.username);
      const allowRemote = deps.config.http.allow_factory_login_remote;
      if (!factoryLoginRefused({ usesFactoryPassword, address, allowRemote, host: req.headers.host })) return result.user;
      refuse(socket, 403, 'Forbidden');
      return undefined;
    }
    if (token || (result.reason !== 'missing' && result.reason !== 'stale')) {
      deps.journal.append({ kind: 'auth_failed', actor: null, data: { username: null, address, reason: token ? 'bad-token' : result.reason } });
    }
    if (result.delayMs > 0) await sleep(result.delayMs);
    refuse(socket, 401, 'Unauthorized', result.challenges);
    return undefined;
  }
}

function refuse(socket: Duplex, status: number, text: string, challenges: string[] = []): void {
  const headers = challenges.map((c) => `WWW-Authenticate: ${c}\r\n`).join('');
  socket.end(`HTTP/1.1 ${status} ${text}\r\n${headers}Content-Length: 0\r\nConnection: close\r\n\r\n`);
}
