import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { roleAllows } from './auth/index.ts';
import type { HttpDeps } from './context.ts';
import { HttpError } from './errors.ts';
import { factoryLoginRefused } from './factory-login.ts';
import { isCrossSite } from './cross-site.ts';

// A client that sent no credentials, or a stale nonce, is just being challenged: not a failure.
const NOT_A_FAILURE = new Set(['missing', 'stale']);

/**
 * The onRequest hook: routes that name a role need a login with at least that role. A refused
 * login is journaled (without the password), slowed down per address, and changes nothing.
 */
export function createAuthHook(deps: HttpDeps) {
  return async function authenticate(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    request.user = null;
    const need = request.routeOptions.config.role;
    if (!need) return;
    if (isCrossSite(request)) throw new HttpError('CROSS_SITE');
    const address = request.ip;
    const result = deps.authenticator.authenticate({
      method: request.method,
      uri: request.url,
      authorization: request.headers.authorization,
      remoteAddress: address,
    });
    if (!result.ok) {
      if (!NOT_A_FAILURE.has(result.reason)) {
        deps.journal.append({
          kind: 'auth_failed',
          actor: null,
          data: { username: usernameOf(request.headers.authorization), address, reason: result.reason },
        });
      }
      // The authenticator's throttle says how long a guesser from this address must wait.
      if (result.delayMs > 0) await sleep(result.delayMs);
      reply.header('WWW-Authenticate', result.challenges);
      throw new HttpError('AUTH_REQUIRED');
    }
    const usesFactoryPassword = deps.users.usesFactoryPassword(result.user.username);
    const host = request.headers.host;
    if (factoryLoginRefused({ usesFactoryPassword, address, allowRemote: deps.config.http.allow_factory_login_remote, host })) {
      throw new HttpError('FACTORY_LOGIN_REMOTE');
    }
    if (!roleAllows(result.user.role, need)) throw new HttpError('FORBIDDEN', need);
    request.user = result.user;
  };
}

/**
 * The claimed username of a refused login, for the journal; never the password. A Basic name is
 * base64 and may decode to CR, LF or NUL: they are replaced, so no reader of the journal gets a
 * line break or terminal escape from a stranger.
 */
function usernameOf(authorization: string | undefined): string | null {
  const name = claimedName(authorization);
  return name === null ? null : name.replace(/[\x00-\x1f\x7f]/g, '?');
}

function claimedName(authorization: string | undefined): string | null {
  if (!authorization) return null;
  const digest = /username="([^"]{0,64})"/i.exec(authorization);
  if (digest) return digest[1] ?? null;
  const basic = /^Basic\s+([A-Za-z0-9+/=]{1,512})$/i.exec(authorization.trim());
  if (!basic?.[1]) return null;
  const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon > 0 ? decoded.slice(0, Math.min(colon, 64)) : null;
}
