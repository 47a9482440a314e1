import Fastify, { LogController, type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { HttpDeps } from './context.ts';
import type { TlsFiles } from './tls.ts';
import { isSnapshotSourceError, SnapshotError } from '../snapshot/index.ts';
import { isBackendFault } from '../io/index.ts';
import { createAuthHook } from './auth-hook.ts';
import { errorBody, errorCodes, HttpError, isHttpError, type ErrorCode } from './errors.ts';
import { registerLegacyIo } from './routes/legacy-io.ts';
import { registerApiIo } from './routes/api-io.ts';
import { registerApiSim } from './routes/api-sim.ts';
import { registerApiEvents } from './routes/api-events.ts';
import { registerApiUsers } from './routes/api-users.ts';
import { registerApiStatus } from './routes/api-status.ts';
import { registerApiScript } from './routes/api-script.ts';
import { registerApiConfig } from './routes/api-config.ts';
import { registerSnapshots } from './routes/snapshots.ts';
import { registerAxisEvents } from './axis-events/index.ts';
import { registerWeb } from './routes/web.ts';
import { registerVapix } from './vapix/index.ts';

// Fastify's own client errors, mapped to our codes; anything else a client caused is a 400.
const frameworkCodes: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
};

function toHttpError(err: FastifyError | Error, deps: HttpDeps, request: FastifyRequest): HttpError {
  if (isHttpError(err)) return err;
  if (isSnapshotSourceError(err)) return new HttpError(err.status === 504 ? 'UPSTREAM_TIMEOUT' : 'UPSTREAM_FAILED', err.message);
  if (isBackendFault(err)) return new HttpError('BACKEND_FAULT', err.message);
  if (err instanceof SnapshotError) return new HttpError(err.code === 'STORAGE_FULL' ? 'STORAGE_FULL' : 'BAD_REQUEST', err.message);
  const code = 'code' in err ? frameworkCodes[err.code] : undefined;
  if (code === 'PAYLOAD_TOO_LARGE') return new HttpError(code, String(deps.config.http.body_limit_bytes));
  if (code === 'UNSUPPORTED_MEDIA_TYPE') return new HttpError(code, String(request.headers['content-type'] ?? 'none').slice(0, 64));
  const status = 'statusCode' in err ? err.statusCode : undefined;
  if (status !== undefined && status >= 400 && status < 500) return new HttpError('BAD_REQUEST', err.message.slice(0, 200));
  return new HttpError('INTERNAL');
}

/** Sends an error: JSON under /api/, a short text line elsewhere (IO files and CGIs keep their plain form). */
function sendError(request: FastifyRequest, reply: FastifyReply, error: HttpError): FastifyReply {
  reply.code(error.status);
  if (request.url.startsWith('/api/')) return reply.type('application/json; charset=utf-8').send(errorBody(error));
  return reply.type('text/plain; charset=utf-8').send(`${error.status} ${error.message}\n`);
}

/** Builds the HTTP(S) server with every route; `listen` is the caller's. */
export function buildServer(deps: HttpDeps, tls: TlsFiles | null = null): FastifyInstance {
  const app = Fastify({
    // One port, one set of routes: with a certificate, the same server speaks HTTPS (and wss://).
    ...(tls ? { https: { cert: tls.cert, key: tls.key } } : {}),
    loggerInstance: deps.log,
    // Per-request log lines cost more than the requests on a busy poller; errors are still logged.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: deps.config.http.body_limit_bytes,
    return503OnClosing: true,
    forceCloseConnections: true,
    frameworkErrors: (error, request, reply) => {
      void sendError(request, reply, new HttpError('BAD_REQUEST', error.message.slice(0, 200)));
    },
    // Bytes Node cannot parse as HTTP at all: our error shape too, and nothing of the request echoed.
    clientErrorHandler: (err, socket) => {
      if (!socket.writable || (err as { code?: string }).code === 'ECONNRESET') return void socket.destroy();
      const body = JSON.stringify(errorBody(new HttpError('BAD_REQUEST', 'malformed HTTP request')));
      socket.end(
        `HTTP/1.1 400 Bad Request\r\nContent-Type: application/json; charset=utf-8\r\nX-Content-Type-Options: nosniff\r\n` +
          `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      );
    },
  }) as unknown as FastifyInstance;
  app.decorateRequest('user', null);
  // No browser may guess another type than the one sent (an error echoing part of a URL stays text).
  app.addHook('onSend', async (_request, reply) => {
    reply.header('X-Content-Type-Options', 'nosniff');
  });
  app.addHook('onRequest', createAuthHook(deps));
  app.setErrorHandler((err: FastifyError | Error, request, reply) => {
    const error = toHttpError(err, deps, request);
    if (error.code === 'INTERNAL') request.log.error({ err, url: request.url.slice(0, 200) }, 'request failed');
    return sendError(request, reply, error);
  });
  app.setNotFoundHandler((request, reply) => sendError(request, reply, new HttpError('NOT_FOUND', 'path')));
  registerLegacyIo(app, deps);
  registerApiIo(app, deps);
  registerApiSim(app, deps);
  registerApiEvents(app, deps);
  registerApiUsers(app, deps);
  registerApiStatus(app, deps);
  registerApiScript(app, deps);
  registerApiConfig(app, deps);
  registerSnapshots(app, deps);
  registerAxisEvents(app, deps);
  registerVapix(app, deps);
  registerWeb(app, deps);
  return app;
}

export { errorCodes };
