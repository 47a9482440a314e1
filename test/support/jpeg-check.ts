// Whether a served picture is whole: a torn write (a crash mid-file, a file cut short) shows as a
// missing end marker or as data a decoder refuses, whatever the server's headers said.
import { decode, encode } from 'jpeg-js';

/** A complete JPEG's size, or why it is not one. */
export type JpegVerdict = { ok: true; width: number; height: number } | { ok: false; problem: string };

/**
 * Checks `bytes` is one complete JPEG: SOI at the start, EOI as the last two bytes, and (unless
 * `decode: false`, for re-checks of pictures decoded once already) jpeg-js, which is independent
 * of the server's encoder, decodes every scan of it.
 */
export function inspectJpeg(bytes: Uint8Array, options: { decode?: boolean } = {}): JpegVerdict {
  const fail = (problem: string): JpegVerdict => ({ ok: false, problem });
  if (bytes.length < 4) return fail(`${bytes.length} bytes`);
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) return fail(`no SOI at the start (${hex(bytes.subarray(0, 2))})`);
  if (bytes.at(-2) !== 0xff || bytes.at(-1) !== 0xd9) return fail(`no EOI at the end (${hex(bytes.subarray(-2))}, ${bytes.length} bytes)`);
  if (options.decode === false) return { ok: true, width: 0, height: 0 };
  try {
    // Not tolerant: a scan that runs out of data is an error, not a grey band.
    const { width, height } = decode(bytes, { useTArray: true, formatAsRGBA: false, tolerantDecoding: false });
    return width > 0 && height > 0 ? { ok: true, width, height } : fail(`decodes to ${width}x${height}`);
  } catch (err) {
    return fail(`jpeg-js cannot decode it: ${(err as Error).message}`);
  }
}

/**
 * Throws, naming `what`, unless `bytes` is one complete JPEG; returns its size as decoded.
 * @example const { width } = assertCompleteJpeg(res.bytes, `snapshot ${id}`);
 */
export function assertCompleteJpeg(bytes: Uint8Array, what: string): { width: number; height: number } {
  const verdict = inspectJpeg(bytes);
  if (!verdict.ok) throw new Error(`${what} is not a complete JPEG: ${verdict.problem}`);
  return { width: verdict.width, height: verdict.height };
}

function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}

/**
 * A JPEG of noise, which does not compress (640x480 at quality 90 is ~0.3 MB): for tests where
 * the size of the pictures a server holds must show, e.g. in its memory.
 */
export function noiseJpeg(width: number, height: number, seed = 1): Buffer {
  const data = Buffer.alloc(width * height * 4);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < data.length; i++) {
    // xorshift32: fast, and the same picture for the same seed.
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    data[i] = x & 0xff;
  }
  return encode({ width, height, data }, 90).data;
}
