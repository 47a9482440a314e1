import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { HttpDeps } from '../context.ts';
import { addPath } from '../route-table.ts';

/** The web page's files: `web/` beside `src/`. */
export const WEB_DIR = fileURLToPath(new URL('../../../web/', import.meta.url));

/** The page may load only its own scripts, styles and pictures (snapshots also as blob: URLs). */
export const WEB_CSP = "default-src 'self'; img-src 'self' blob: data:";

// Only these kinds are served; anything else in web/ (notes, editor backups) stays private.
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/** One file of the page, read once at start: its bytes, a gzip copy when that is smaller, and its ETag. */
export interface WebFile {
  name: string;
  type: string;
  body: Buffer;
  gzip: Buffer | null;
  etag: string;
}

/**
 * Reads the page's files (the top level of `dir` only, known extensions only) into memory. The set
 * is fixed from here on: a request names one of these or gets 404, so no URL ever becomes a path.
 */
export function loadWebFiles(dir: string = WEB_DIR): Map<string, WebFile> {
  const files = new Map<string, WebFile>();
  for (const name of readdirSync(dir).sort()) {
    const dot = name.lastIndexOf('.');
    const type = dot > 0 ? CONTENT_TYPES[name.slice(dot)] : undefined;
    if (!type || !/^[a-z0-9][a-z0-9._-]*$/.test(name) || !statSync(join(dir, name)).isFile()) continue;
    const body = readFileSync(join(dir, name));
    const packed = gzipSync(body, { level: 9 });
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;
    files.set(name, { name, type, body, gzip: packed.length < body.length ? packed : null, etag });
  }
  return files;
}

/** Whether Accept-Encoding allows gzip: named with a q above 0, or else through `*`. */
function acceptsGzip(request: FastifyRequest): boolean {
  const accept = request.headers['accept-encoding'];
  if (typeof accept !== 'string') return false;
  const q = new Map<string, number>();
  for (const part of accept.split(',')) {
    const [coding, ...params] = part.split(';').map((s) => s.trim().toLowerCase());
    const weight = params.find((p) => p.startsWith('q='));
    if (coding) q.set(coding, weight === undefined ? 1 : Number(weight.slice(2)) || 0);
  }
  return (q.get('gzip') ?? q.get('*') ?? 0) > 0;
}

function etagMatches(request: FastifyRequest, etag: string): boolean {
  const header = request.headers['if-none-match'];
  if (typeof header !== 'string') return false;
  return header.trim() === '*' || header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

/** Sends one page file with its type, validators and the page's security headers. */
function sendFile(request: FastifyRequest, reply: FastifyReply, file: WebFile): FastifyReply {
  const gzip = file.gzip !== null && acceptsGzip(request);
  // Each encoding is its own representation, with its own strong validator.
  const etag = gzip ? `${file.etag.slice(0, -1)}-gz"` : file.etag;
  reply
    .header('Content-Type', file.type)
    // Revalidate every time: the files are tiny, and a new version must show at once.
    .header('Cache-Control', 'no-cache')
    .header('ETag', etag)
    .header('Vary', 'Accept-Encoding')
    .header('Content-Security-Policy', WEB_CSP)
    .header('X-Content-Type-Options', 'nosniff')
    .header('X-Frame-Options', 'DENY')
    .header('Referrer-Policy', 'no-referrer');
  if (etagMatches(request, etag)) return reply.code(304).send();
  if (gzip) return reply.header('Content-Encoding', 'gzip').send(file.gzip);
  return reply.send(file.body);
}

/**
 * The web page: `/` (and `/index.html`) and each file of `web/`, all behind the `viewer` login, so
 * the browser asks for it once and then sends it with every fetch and the event stream.
 * @example registerWeb(app, deps); // GET / → web/index.html
 */
export function registerWeb(app: FastifyInstance, _deps: HttpDeps, files: Map<string, WebFile> = loadWebFiles()): void {
  const index = files.get('index.html');
  const paths: Array<[string, WebFile]> = [...files.values()].map((f) => [`/${f.name}`, f]);
  if (index) paths.push(['/', index]);
  for (const [url, file] of paths) {
    const route = { role: 'viewer' as const, handler: (req: FastifyRequest, reply: FastifyReply) => sendFile(req, reply, file) };
    addPath(app, url, { GET: route, HEAD: route });
  }
}
