import autocannon from 'autocannon';
import { ha1, computeDigestResponse } from '../src/http/auth/index.ts';

export interface LoadResult {
  rps: number;
  p99Ms: number;
  errors: number;
  non2xx: number;
}

export interface LoadOptions {
  url: string;
  connections: number;
  seconds: number;
  /** Per-connection request headers; called for every request. */
  headers?: () => Record<string, string>;
}

/** Runs autocannon against one URL and returns requests per second. */
export async function load(options: LoadOptions): Promise<LoadResult> {
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.seconds,
    requests: options.headers
      ? [
          {
            setupRequest: (req: Record<string, unknown>) => ({
              ...req,
              headers: { ...(req.headers as object), ...options.headers!() },
            }),
          },
        ]
      : undefined,
  } as autocannon.Options);
  return { rps: result.requests.average, p99Ms: result.latency.p99, errors: result.errors, non2xx: result.non2xx };
}

/** Basic credentials as a header. */
export function basicHeader(user: string, password: string): Record<string, string> {
  return { authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` };
}

/**
 * Digest as a real client does it: one nonce (from a 401) reused with a rising nc, so every request
 * is a fresh, valid response and none is a replay. Connections run concurrently, so counts may
 * arrive slightly out of order: the server's replay window allows that, as RFC 7616 permits.
 */
export async function digestHeaders(url: string, user: string, password: string): Promise<NonNullable<LoadOptions['headers']>> {
  const { pathname, search } = new URL(url);
  const uri = pathname + search;
  const res = await fetch(url);
  await res.arrayBuffer();
  const challenge = res.headers.get('www-authenticate') ?? '';
  const nonce = /nonce="([^"]+)"/.exec(challenge)?.[1];
  const realm = /realm="([^"]+)"/.exec(challenge)?.[1];
  if (!nonce || !realm) throw new Error(`no Digest challenge from ${url}: ${challenge}`);
  const key = ha1('MD5', user, realm, password);
  let count = 0;
  return () => {
    const nc = (++count).toString(16).padStart(8, '0');
    const cnonce = `c${nc}`;
    const response = computeDigestResponse({ algorithm: 'MD5', ha1: key, method: 'GET', uri, nonce, nc, cnonce, qop: 'auth' });
    return {
      authorization: `Digest username="${user}", realm="${realm}", nonce="${nonce}", uri="${uri}", algorithm=MD5, qop=auth, nc=${nc}, cnonce="${cnonce}", response="${response}"`,
    };
  };
}
