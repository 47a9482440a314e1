import { encode } from 'jpeg-js';

/**
 * Encodes RGBA pixels (4 bytes per pixel, alpha ignored) as a baseline JPEG.
 * The one place that knows the encoder, so a faster one can replace pure-JS jpeg-js later.
 * @example encodeJpeg(raster.data, raster.width, raster.height, 80)
 */
export function encodeJpeg(rgba: Uint8Array, width: number, height: number, quality: number): Buffer {
  if (rgba.length !== width * height * 4) {
    throw new RangeError(`expected ${width * height * 4} RGBA bytes for ${width}x${height}, got ${rgba.length}`);
  }
  const q = Math.min(100, Math.max(1, Math.round(quality)));
  return encode({ data: rgba, width, height }, q).data;
}
