import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { SYNTHETIC_LIMITS } from '../../snapshot/index.ts';
import { addPath } from '../route-table.ts';
import type { VapixContext } from './vapix-context.ts';

// `/axis-cgi/jpg/image.cgi?resolution=WxH&compression=N&camera=N` ([AX-VID], docs/vapix.md §5): one
// JPEG from the default snapshot source, not stored. Axis documents no error body for image.cgi;
// auxio answers in the form Axis's imagesize.cgi uses (`<!-- Camera 1 not available. -->`), with a
// 4xx/5xx status so that a client's still fetch fails cleanly instead of showing text as a picture.

/** Old Axis size names, as Network Optix maps them. */
const NAMED: Readonly<Record<string, readonly [number, number]>> = {
  QCIF: [176, 144],
  CIF: [352, 288],
  '2CIF': [704, 288],
  '4CIF': [704, 576],
  D1: [720, 576],
};

/** A refused image request: its status and the thing not available. */
class ImageRefusal extends Error {
  constructor(
    readonly status: number,
    what: string,
  ) {
    super(`<!-- ${what.replace(/[^\x20-\x7e]/g, '?').slice(0, 64)} not available. -->`);
  }
}

/** `WxH` or a named size, within the bounds a source can draw. */
function parseResolution(text: string): { width: number; height: number } {
  const named = NAMED[text.toUpperCase()];
  const m = /^([1-9]\d{1,3})x([1-9]\d{1,3})$/.exec(text);
  const [width, height] = named ?? (m ? [Number(m[1]), Number(m[2])] : [0, 0]);
  const fits =
    width >= SYNTHETIC_LIMITS.minWidth && width <= SYNTHETIC_LIMITS.maxWidth && height >= SYNTHETIC_LIMITS.minHeight && height <= SYNTHETIC_LIMITS.maxHeight;
  if (!fits) throw new ImageRefusal(400, `Resolution ${text}`);
  return { width, height };
}

/** Axis compression 0 (best) to 100 (smallest) as JPEG quality 100 to 1. */
function parseCompression(text: string): number {
  if (!/^\d{1,3}$/.test(text) || Number(text) > 100) throw new ImageRefusal(400, `Compression ${text}`);
  return Math.max(1, 100 - Number(text));
}

/** The capture request the query asks for; other Axis arguments (clock, date, text...) are ignored. */
function imageRequest(query: URLSearchParams): { width?: number; height?: number; quality?: number } {
  const camera = query.get('camera');
  // One view: camera 1 is the default source.
  if (camera !== null && camera !== '1') throw new ImageRefusal(400, `Camera ${camera}`);
  const resolution = query.get('resolution');
  const compression = query.get('compression');
  return {
    ...(resolution !== null ? parseResolution(resolution) : {}),
    ...(compression !== null ? { quality: parseCompression(compression) } : {}),
  };
}

async function imageCgi(ctx: VapixContext, req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  const q = req.url.indexOf('?');
  try {
    const request = imageRequest(new URLSearchParams(q < 0 ? '' : req.url.slice(q + 1)));
    const shot = await capture(ctx, request);
    return reply.code(200).header('Content-Type', 'image/jpeg').header('Cache-Control', 'no-cache').send(shot);
  } catch (err) {
    if (!(err instanceof ImageRefusal)) throw err;
    return reply.code(err.status).header('Content-Type', 'text/plain').header('Cache-Control', 'no-cache').send(err.message);
  }
}

/** A picture from the default source; a failing camera is "Camera 1 not available" with the source's status. */
async function capture(ctx: VapixContext, request: { width?: number; height?: number; quality?: number }): Promise<Buffer> {
  try {
    return (await ctx.snapshots.capture({ ...request, source: ctx.image.source })).jpeg;
  } catch (err) {
    ctx.log.warn({ err, source: ctx.image.source }, 'image.cgi: the camera gave no picture');
    const status = (err as { status?: unknown }).status;
    throw new ImageRefusal(typeof status === 'number' && status >= 500 && status < 600 ? status : 503, 'Camera 1');
  }
}

/** `GET /axis-cgi/jpg/image.cgi` for viewers. */
export function registerImageCgi(app: FastifyInstance, ctx: VapixContext): void {
  addPath(app, '/axis-cgi/jpg/image.cgi', { GET: { role: 'viewer', handler: (req, reply) => imageCgi(ctx, req, reply) } });
}
