import type { FastifyRequest } from 'fastify';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Whether a request comes from another site's page, riding on the browser's cached login (CSRF).
 * Browsers say where a request comes from (`Origin`, `Sec-Fetch-Site`); curl, VMSs and scripts send
 * neither and are never refused. A state change (any method but GET/HEAD/OPTIONS) must come from
 * auxio's own page; a GET from another site is allowed only as a top-level navigation (a link the user
 * clicks), never as an embedded load such as `<img src=".../io/relayon.txt">` or a script's fetch.
 */
export function isCrossSite(request: FastifyRequest): boolean {
  const site = header(request, 'sec-fetch-site');
  if (SAFE.has(request.method)) return site === 'cross-site' && header(request, 'sec-fetch-mode') !== 'navigate';
  if (site === 'cross-site' || site === 'same-site') return true;
  const origin = header(request, 'origin');
  if (origin === undefined) return false;
  return origin !== `${request.protocol}://${request.headers.host ?? ''}`;
}

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return typeof value === 'string' ? value : undefined;
}
