import type { Snapshot, SnapshotRequest, SnapshotSource } from '../source.ts';
import { isSnapshotSourceError, SnapshotSourceError, type SourceErrorCode } from '../source-error.ts';
import { redactSecrets } from '../../util/redact.ts';
import { UpstreamLogin } from './http-login.ts';
import { readJpegSize, startsWithSoi } from './jpeg-size.ts';

/** Options for a camera that serves a JPEG at a URL. */
export interface HttpSnapshotSourceOptions {
  name: string;
  /**
   * The picture's URL, e.g. `http://cam/axis-cgi/jpg/image.cgi`. Credentials in it
   * (`http://user:pass@cam/...`) are used as `username`/`password` when those are not given.
   */
  url: string;
  username?: string;
  password?: string;
  /** The whole capture, login round trips and body included. Default 5000. */
  timeoutMs?: number;
  /** A bigger picture is refused unread. Default 20 MB. */
  maxBytes?: number;
}

/** What an HTTP source uses when its options leave them out. */
export const HTTP_SOURCE_DEFAULTS = { timeoutMs: 5000, maxBytes: 20 * 1024 * 1024 } as const;

// Some cameras label JPEGs loosely; anything else (HTML login pages, MJPEG streams) is refused.
const JPEG_TYPES = new Set(['', 'image/jpeg', 'image/jpg', 'image/pjpeg', 'application/octet-stream']);
/** A 401's body is read this far (so the connection can be reused), then dropped. */
const MAX_DISCARD_BYTES = 64 * 1024;
/** The first request, a challenge, and one retry after a stale nonce. */
const MAX_ATTEMPTS = 3;

/**
 * An upstream camera's JPEG URL (an Axis `image.cgi`, any camera's snapshot URL), fetched per
 * capture, logging in with Digest or Basic when the camera asks.
 *
 * Size: a request with both `width` and `height` appends `resolution=WxH` (VAPIX's parameter)
 * unless the URL already has a `resolution` parameter; the URL's own size then wins. The size
 * reported is the one in the JPEG, whatever was asked. `quality` and `label` are not sent.
 * @example
 * const cam = new HttpSnapshotSource({ name: 'gate', url: 'http://10.0.0.9/axis-cgi/jpg/image.cgi', username: 'root', password: 'pass' });
 * const shot = await cam.capture({ width: 640, height: 480 });
 */
export class HttpSnapshotSource implements SnapshotSource {
  readonly kind = 'http';
  readonly name: string;
  readonly #url: URL;
  readonly #password: string | undefined;
  readonly #timeoutMs: number;
  readonly #maxBytes: number;
  readonly #login: UpstreamLogin;
  readonly #inflight = new Set<AbortController>();

  constructor(options: HttpSnapshotSourceOptions) {
    this.name = options.name;
    const { url, username, password } = splitCredentials(options.url);
    this.#url = url;
    this.#password = options.password ?? password;
    this.#login = new UpstreamLogin(options.username ?? username, this.#password);
    this.#timeoutMs = options.timeoutMs ?? HTTP_SOURCE_DEFAULTS.timeoutMs;
    this.#maxBytes = options.maxBytes ?? HTTP_SOURCE_DEFAULTS.maxBytes;
  }

  // Nothing to open: each capture is one request.
  async start(): Promise<void> {}

  /** Aborts captures in flight; they reject with SOURCE_STOPPED. */
  async stop(): Promise<void> {
    for (const controller of this.#inflight) controller.abort();
  }

  async capture(request: SnapshotRequest = {}): Promise<Snapshot> {
    const stopper = new AbortController();
    const timeout = AbortSignal.timeout(this.#timeoutMs);
    this.#inflight.add(stopper);
    try {
      return await this.#fetchPicture(this.#targetUrl(request), AbortSignal.any([stopper.signal, timeout]));
    } catch (err) {
      throw this.#explain(err, timeout.aborted, stopper.signal.aborted);
    } finally {
      this.#inflight.delete(stopper);
    }
  }

  /** The URL for a request: see the class comment for when `resolution` is added. */
  #targetUrl(request: SnapshotRequest): URL {
    const url = new URL(this.#url);
    const { width, height } = request;
    const hasResolution = [...url.searchParams.keys()].some((k) => k.toLowerCase() === 'resolution');
    if (isSize(width) && isSize(height) && !hasResolution) url.searchParams.append('resolution', `${width}x${height}`);
    return url;
  }

  async #fetchPicture(url: URL, signal: AbortSignal): Promise<Snapshot> {
    const response = await this.#fetchWithLogin(url, signal);
    const capturedAt = Date.now();
    if (!response.ok) {
      await discard(response);
      throw this.#error('UPSTREAM_STATUS', `${response.status} for ${describeUrl(url)}`);
    }
    const type = (response.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (!JPEG_TYPES.has(type)) {
      await response.body?.cancel();
      const hint = type.startsWith('multipart/') ? ' (a video stream? use the ffmpeg source)' : '';
      throw this.#error('UPSTREAM_NOT_JPEG', `content-type ${type}${hint}`);
    }
    return { ...this.#checkJpeg(await this.#readBody(response)), capturedAt };
  }

  /** One request, answering the camera's challenge when it sends one. */
  async #fetchWithLogin(url: URL, signal: AbortSignal): Promise<Response> {
    // Digest hashes the request-target exactly as fetch sends it: the normalized path and query.
    const target = `${url.pathname}${url.search}`;
    for (let attempt = 1; ; attempt++) {
      const authorization = this.#login.header('GET', target);
      const headers: Record<string, string> = { accept: 'image/jpeg' };
      if (authorization !== undefined) headers.authorization = authorization;
      const response = await fetch(url, { headers, signal, redirect: 'follow' });
      if (response.status !== 401) return response;
      await discard(response);
      const decision = this.#login.accept(response.headers.get('www-authenticate') ?? '', authorization !== undefined);
      if (!decision.retry) throw this.#error('UPSTREAM_AUTH', decision.reason);
      if (attempt >= MAX_ATTEMPTS) throw this.#error('UPSTREAM_AUTH', 'it kept asking for a new login');
    }
  }

  async #readBody(response: Response): Promise<Buffer> {
    const declared = Number(response.headers.get('content-length') ?? NaN);
    if (declared > this.#maxBytes) {
      await response.body?.cancel();
      throw this.#error('UPSTREAM_TOO_LARGE', String(this.#maxBytes));
    }
    const chunks: Uint8Array[] = [];
    let total = 0;
    for await (const chunk of response.body ?? []) {
      total += chunk.byteLength;
      if (total > this.#maxBytes) throw this.#error('UPSTREAM_TOO_LARGE', String(this.#maxBytes));
      chunks.push(chunk);
    }
    return Buffer.concat(chunks, total);
  }

  /** The picture up to its EOI (some cameras pad after it), with the size from its SOF. */
  #checkJpeg(body: Buffer): Omit<Snapshot, 'capturedAt'> {
    if (!startsWithSoi(body)) throw this.#error('UPSTREAM_NOT_JPEG', `${body.length} bytes without a JPEG start marker`);
    const size = readJpegSize(body);
    if (size === undefined) throw this.#error('UPSTREAM_NOT_JPEG', 'no frame header (SOF) with a size');
    const end = body.lastIndexOf(EOI);
    if (end < 0) throw this.#error('UPSTREAM_NOT_JPEG', 'cut short: no end-of-image marker');
    return { jpeg: body.subarray(0, end + 2), ...size };
  }

  /** Any failure as a SnapshotSourceError, with the password scrubbed from its text. */
  #explain(err: unknown, timedOut: boolean, stopped: boolean): SnapshotSourceError {
    if (timedOut) return this.#error('UPSTREAM_TIMEOUT', String(this.#timeoutMs));
    if (stopped) return this.#error('SOURCE_STOPPED', ' while fetching');
    if (isSnapshotSourceError(err)) return err;
    // fetch fails with TypeError('fetch failed') whose cause holds the socket error.
    const cause = err instanceof Error && err.cause instanceof Error ? err.cause : err;
    const why = (cause as { code?: unknown }).code ?? (cause instanceof Error ? cause.message : String(cause));
    return this.#error('UPSTREAM_UNREACHABLE', `${describeUrl(this.#url)}: ${String(why)}`);
  }

  #error(code: SourceErrorCode, detail: string): SnapshotSourceError {
    return new SnapshotSourceError(code, { source: this.name, detail: redactSecrets(detail, [this.#password]) });
  }
}

const EOI = Buffer.from([0xff, 0xd9]);

/** Takes `user:pass@` out of a URL (fetch refuses URLs that carry credentials). */
function splitCredentials(text: string): { url: URL; username?: string; password?: string } {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new TypeError('url is not a valid URL'); // not echoed: it may hold a password
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new TypeError('url must be http: or https:');
  const username = url.username === '' ? undefined : decodeURIComponent(url.username);
  const password = url.password === '' ? undefined : decodeURIComponent(url.password);
  url.username = '';
  url.password = '';
  return { url, ...(username === undefined ? {} : { username }), ...(password === undefined ? {} : { password }) };
}

/** Origin and path only: some cameras take the password in the query (`?pwd=`). */
function describeUrl(url: URL): string {
  return `${url.origin}${url.pathname}`;
}

function isSize(value: number | undefined): value is number {
  return value !== undefined && Number.isInteger(value) && value > 0;
}

/** Reads a small body to the end so keep-alive can reuse the socket; cancels a big one. */
async function discard(response: Response): Promise<void> {
  let total = 0;
  try {
    for await (const chunk of response.body ?? []) {
      total += chunk.byteLength;
      if (total > MAX_DISCARD_BYTES) break; // leaving the loop cancels the stream
    }
  } catch {
    // The body is thrown away; a broken one changes nothing.
  }
}
