/**
 * Reads a JPEG's pixel size from its frame header (SOF) without decoding it, walking the marker
 * segments from SOI (ITU T.81 section B.2). Never throws; undefined for anything that is not a
 * well-formed JPEG header with a size.
 */

/** Width and height in pixels. */
export interface JpegSize {
  width: number;
  height: number;
}

/** True when `bytes` starts with the JPEG SOI marker FF D8. */
export function startsWithSoi(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xd8;
}

/**
 * The size in the first SOF segment, or undefined when there is none before the scan starts,
 * the header is cut short, or the frame leaves its height to a DNL marker (height 0).
 * @example readJpegSize(await encodeJpeg(rgba, 320, 240, 80)) // { width: 320, height: 240 }
 */
export function readJpegSize(bytes: Uint8Array): JpegSize | undefined {
  if (!startsWithSoi(bytes)) return undefined;
  let i = 2;
  while (i + 4 <= bytes.length) {
    if (bytes[i] !== 0xff) return undefined;
    const marker = bytes[i + 1]!;
    // FF FF is fill before a marker (T.81 B.1.1.2).
    if (marker === 0xff) {
      i++;
      continue;
    }
    if (isStandalone(marker)) {
      i += 2;
      continue;
    }
    if (marker === 0xda || marker === 0xd9) return undefined;
    const length = readU16(bytes, i + 2);
    if (length < 2) return undefined;
    if (isStartOfFrame(marker)) return readFrameHeader(bytes, i + 4, length);
    i += 2 + length;
  }
  return undefined;
}

/** SOF0-SOF15, except C4 (DHT), C8 (JPG extension) and CC (DAC), which share the range. */
export function isStartOfFrame(marker: number): boolean {
  return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}

/** Markers with no length field: TEM, RST0-7, SOI. */
function isStandalone(marker: number): boolean {
  return marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8);
}

/** SOF body: precision (1 byte), height (2), width (2), then components. */
function readFrameHeader(bytes: Uint8Array, body: number, length: number): JpegSize | undefined {
  if (length < 7 || body + 5 > bytes.length) return undefined;
  const height = readU16(bytes, body + 1);
  const width = readU16(bytes, body + 3);
  return width > 0 && height > 0 ? { width, height } : undefined;
}

function readU16(bytes: Uint8Array, at: number): number {
  return ((bytes[at] ?? 0) << 8) | (bytes[at + 1] ?? 0);
}
