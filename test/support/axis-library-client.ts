import { createHash, randomBytes } from 'node:crypto';

// A client written from docs/vapix.md, not from auxio's code: it calls and reads the VAPIX APIs
// the way Home Assistant's Axis library (Kane610/axis, aiohttp era) does (§7.1, §7.2), and fails
// wherever that library would raise (a missing required key, an int serial, an error object
// where data is expected).

/** Python's `quote(v, safe='')`: every character but A-Z a-z 0-9 _ . - ~ percent-encoded. */
export function quote(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** The library's `params_to_dict`: nested by `.`, yes/true and no/false to booleans, numbers to ints, only `root` kept. */
export function paramsToDict(body: string): Record<string, any> {
  const tree: Record<string, any> = {};
  for (const line of body.split(/\r\n|\n|\r/)) {
    if (line === '') continue;
    const at = line.indexOf('=');
    const keys = (at < 0 ? line : line.slice(0, at)).split('.');
    const value = at < 0 ? '' : line.slice(at + 1);
    let node = tree;
    for (const key of keys.slice(0, -1)) {
      node[key] ??= {};
      if (typeof node[key] !== 'object') throw new TypeError(`${line}: ${key} is both a value and a group`);
      node = node[key];
    }
    node[keys[keys.length - 1]!] = convert(value);
  }
  return tree.root ?? {};
}

function convert(value: string): unknown {
  if (value === 'true' || value === 'yes') return true;
  if (value === 'false' || value === 'no') return false;
  // Python's str.isnumeric() is false for '' and for anything with a dot.
  if (/^\d+$/.test(value.replace(/^-+/, ''))) return Number.parseInt(value, 10);
  return value;
}

/** Raises like a Python KeyError when a required key is missing. */
export function required(obj: Record<string, any> | undefined, path: string): any {
  let node: any = obj;
  for (const key of path.split('.')) {
    if (node === null || typeof node !== 'object' || !(key in node)) throw new Error(`KeyError: '${path}'`);
    node = node[key];
  }
  return node;
}

/** Home Assistant's `format_mac` of a 12-hex-digit serial (its device unique id). */
export function formatMac(serial: unknown): string {
  if (typeof serial !== 'string') throw new TypeError(`format_mac got a ${typeof serial}: ${String(serial)}`);
  if (!/^[0-9a-fA-F]{12}$/.test(serial)) return serial;
  return serial.toLowerCase().match(/../g)!.join(':');
}

export interface Answer {
  status: number;
  headers: Headers;
  bytes: Buffer;
  text: string;
}

/** The library's HTTP side: non-pre-emptive MD5 Digest, query values pre-encoded with `quote`. */
export class AxisLibraryClient {
  #nonce = '';
  #nc = 0;

  constructor(
    readonly base: string,
    readonly user: string,
    readonly password: string,
  ) {}

  /** Sends without credentials, then once more with Digest after the 401 (one challenge per request). */
  async request(method: string, path: string, options: { query?: Record<string, string>; body?: string; contentType?: string } = {}): Promise<Answer> {
    const query = Object.entries(options.query ?? {}).map(([k, v]) => `${k}=${quote(v)}`).join('&');
    const uri = query ? `${path}?${query}` : path;
    const headers: Record<string, string> = options.contentType ? { 'content-type': options.contentType } : {};
    let res = await fetch(`${this.base}${uri}`, { method, headers, body: options.body });
    if (res.status === 401) {
      const authorization = this.#authorize(res.headers.get('www-authenticate') ?? '', method, uri);
      if (!authorization) return read(res);
      await res.arrayBuffer();
      res = await fetch(`${this.base}${uri}`, { method, headers: { ...headers, authorization }, body: options.body });
    }
    return read(res);
  }

  /** A JSON CGI call; an `error` object where data is expected raises, as the library's decoders do. */
  async json(path: string, body: object): Promise<any> {
    const res = await this.request('POST', path, { body: JSON.stringify(body), contentType: 'application/json' });
    if (res.status >= 400) throw new Error(`AxisException: ${path} answered ${res.status}`);
    const json = JSON.parse(res.text);
    for (const key of ['apiVersion', 'context', 'method']) required(json, key);
    if (json.error) throw new Error(`KeyError: 'data' (${path} answered error ${JSON.stringify(json.error)})`);
    return json;
  }

  /** `POST param.cgi` with form data labelled text/plain, exactly as `ParamRequest` sends it. */
  async paramGroup(group: string): Promise<Record<string, any>> {
    const body = `action=list&group=${quote(group)}`;
    const res = await this.request('POST', '/axis-cgi/param.cgi', { body, contentType: 'text/plain' });
    if (res.status >= 400) throw new Error(`AxisException: param.cgi ${group} answered ${res.status}`);
    // cchardet would detect the declared Latin-1.
    return paramsToDict(res.bytes.toString('latin1'));
  }

  #authorize(header: string, method: string, uri: string): string | undefined {
    const at = header.search(/digest /i);
    if (at < 0) return undefined;
    const text = header.slice(at + 7).split(/,\s*basic /i)[0]!;
    const param = (name: string) => new RegExp(`(?:^|,)\\s*${name}=(?:"([^"]*)"|([^,\\s]+))`, 'i').exec(text)?.slice(1).find((x) => x !== undefined);
    const realm = param('realm');
    const nonce = param('nonce');
    if (realm === undefined || nonce === undefined) return undefined;
    if ((param('algorithm') ?? 'MD5').toUpperCase() !== 'MD5') return undefined;
    this.#nc = nonce === this.#nonce ? this.#nc + 1 : 1;
    this.#nonce = nonce;
    const md5 = (s: string) => createHash('md5').update(s).digest('hex');
    const nc = this.#nc.toString(16).padStart(8, '0');
    const cnonce = randomBytes(8).toString('hex');
    const response = md5(`${md5(`${this.user}:${realm}:${this.password}`)}:${nonce}:${nc}:${cnonce}:auth:${md5(`${method}:${uri}`)}`);
    const opaque = param('opaque');
    return (
      `Digest username="${this.user}", realm="${realm}", nonce="${nonce}", uri="${uri}", ` +
      `response="${response}", algorithm="MD5", qop=auth, nc=${nc}, cnonce="${cnonce}"${opaque !== undefined ? `, opaque="${opaque}"` : ''}`
    );
  }
}

async function read(res: Response): Promise<Answer> {
  const bytes = Buffer.from(await res.arrayBuffer());
  return { status: res.status, headers: res.headers, bytes, text: bytes.toString('utf8') };
}
