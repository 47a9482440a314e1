import { createHash, randomBytes } from 'node:crypto';

interface Challenge {
  realm: string;
  nonce: string;
  opaque: string | undefined;
  algorithm: 'MD5' | 'SHA-256';
}

/** A fetch answer, read to the end. */
export interface DigestAnswer {
  status: number;
  headers: Headers;
  text: string;
}

/**
 * A Digest (RFC 7616, qop=auth) client over fetch, written independently of the server's code. It
 * keeps the nonce it was given and counts `nc` up, as VMS software does, so a poller pays one
 * challenge round trip, not one per request (Basic costs the server an scrypt per request).
 * Use one client per sequential loop: requests that overtake each other would reorder `nc`.
 * @example const c = new DigestClient(url, 'root', 'pass'); const r = await c.request('/io/input.txt');
 */
export class DigestClient {
  #challenge: Challenge | undefined;
  #nc = 0;
  /** Requests answered 401 and retried with a fresh challenge. */
  challenges = 0;

  constructor(
    readonly base: string,
    readonly user: string,
    readonly password: string,
  ) {}

  async request(path: string, init: { method?: string; body?: string; headers?: Record<string, string> } = {}): Promise<DigestAnswer> {
    const method = init.method ?? 'GET';
    // Digest hashes the request-target as sent; fetch normalizes it (drops a bare '?', escapes spaces).
    const url = new URL(path, this.base);
    const target = `${url.pathname}${url.search}`;
    for (let attempt = 0; attempt < 3; attempt++) {
      const headers: Record<string, string> = { ...init.headers };
      if (this.#challenge) headers.authorization = this.#authorization(this.#challenge, method, target);
      const res = await fetch(url, { method, headers, body: init.body });
      const text = await res.text();
      if (res.status !== 401) return { status: res.status, headers: res.headers, text };
      const header = res.headers.get('www-authenticate') ?? '';
      const fresh = parseChallenge(header);
      // Retry only when we sent no login yet or the nonce went stale; any other 401 is a refusal.
      const retry = fresh !== undefined && (!headers.authorization || /stale=true/i.test(header));
      if (!retry) return { status: res.status, headers: res.headers, text };
      this.#challenge = fresh;
      this.#nc = 0;
      this.challenges++;
    }
    throw new Error(`digest login for ${path} kept being challenged`);
  }

  #authorization(c: Challenge, method: string, uri: string): string {
    const nc = (++this.#nc).toString(16).padStart(8, '0');
    const cnonce = randomBytes(8).toString('hex');
    const h = (s: string) => createHash(c.algorithm === 'MD5' ? 'md5' : 'sha256').update(s).digest('hex');
    const ha1 = h(`${this.user}:${c.realm}:${this.password}`);
    const response = h(`${ha1}:${c.nonce}:${nc}:${cnonce}:auth:${h(`${method}:${uri}`)}`);
    const parts = [
      `username="${this.user}"`,
      `realm="${c.realm}"`,
      `nonce="${c.nonce}"`,
      `uri="${uri}"`,
      `algorithm=${c.algorithm}`,
      `qop=auth`,
      `nc=${nc}`,
      `cnonce="${cnonce}"`,
      `response="${response}"`,
    ];
    if (c.opaque !== undefined) parts.push(`opaque="${c.opaque}"`);
    return `Digest ${parts.join(', ')}`;
  }
}

/** The first Digest challenge in a (possibly comma-joined) WWW-Authenticate value. */
function parseChallenge(header: string): Challenge | undefined {
  const start = header.search(/Digest\s/i);
  if (start < 0) return undefined;
  const rest = header.slice(start + 7);
  const param = (name: string): string | undefined => {
    const m = new RegExp(`(?:^|[\\s,])${name}=(?:"([^"]*)"|([^,\\s]+))`, 'i').exec(rest.split(/,\s*(?:Digest|Basic)\s/i)[0] ?? '');
    return m ? (m[1] ?? m[2]) : undefined;
  };
  const realm = param('realm');
  const nonce = param('nonce');
  if (realm === undefined || nonce === undefined) return undefined;
  const algorithm = (param('algorithm') ?? 'MD5').toUpperCase() === 'SHA-256' ? 'SHA-256' : 'MD5';
  return { realm, nonce, opaque: param('opaque'), algorithm };
}
