// Items for tests.
import type { UploadItem } from './upload-target.ts';

/**
 * Bytes shaped like a JPEG (SOI ... EOI) holding every byte value and CR/LF pairs, so a transfer
 * that is not binary-clean (FTP ASCII mode, a 7-bit mail encoding) changes them.
 */
export function sampleJpeg(size = 4096): Buffer {
  const body = Buffer.alloc(size);
  for (let i = 0; i < size; i++) body[i] = (i * 7 + (i >> 8)) & 0xff;
  body.write('\r\n\n\r', 100, 'latin1');
  return Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), body, Buffer.from([0xff, 0xd9])]);
}

/** A door-opening snapshot item; override any field. */
export function sampleItem(overrides: Partial<UploadItem> = {}): UploadItem {
  return {
    jpeg: sampleJpeg(),
    fileName: '2026-11-26_080000_123.jpg',
    takenAt: Date.UTC(2026, 10, 26, 8, 0, 0, 123),
    trigger: 'entry 1: /I1',
    ...overrides,
  };
}
