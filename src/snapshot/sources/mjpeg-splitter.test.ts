import assert from 'node:assert/strict';
import { test } from 'node:test';
// jpeg-js encodes synchronously, which keeps these fixtures plain constants.
import { encode } from 'jpeg-js';
import { MjpegSplitter } from './mjpeg-splitter.ts';

function jpeg(width: number, height: number, seed: number): Buffer {
  const rgba = new Uint8Array(width * height * 4).map((_, i) => (i * seed * 31) & 0xff);
  return encode({ data: rgba, width, height }, 90).data;
}

/** Feeds `stream` in chunks of `size` bytes and returns the frames and the dropped count. */
function split(stream: Buffer, size: number, maxFrameBytes = 1 << 20): { frames: Buffer[]; dropped: number } {
  const frames: Buffer[] = [];
  const splitter = new MjpegSplitter({ maxFrameBytes, onFrame: (f) => frames.push(f) });
  for (let i = 0; i < stream.length; i += size) splitter.push(stream.subarray(i, i + size));
  return { frames, dropped: splitter.droppedBytes };
}

const a = jpeg(64, 48, 1);
const b = jpeg(32, 32, 7);
const c = jpeg(80, 16, 3);

test('splits concatenated frames however the stream is chunked', () => {
  const stream = Buffer.concat([a, b, c]);
  for (const size of [1, 2, 3, 7, 1000, stream.length]) {
    const { frames, dropped } = split(stream, size);
    assert.deepEqual(frames, [a, b, c], `chunks of ${size}`);
    assert.equal(dropped, 0);
  }
});

test('drops and counts garbage before, between and after frames', () => {
  const junk = Buffer.from('ffmpeg says hi \xff\xff\x00', 'latin1');
  const stream = Buffer.concat([junk, a, junk, b, junk]);
  for (const size of [1, 5, stream.length]) {
    const { frames, dropped } = split(stream, size);
    assert.deepEqual(frames, [a, b]);
    assert.equal(dropped, 3 * junk.length, `chunks of ${size}`);
  }
});

test('an FF D9 inside a header segment (an EXIF thumbnail) does not end the frame', () => {
  const thumbnail = Buffer.from([0xff, 0xd8, 0xff, 0xd9]);
  const app1 = Buffer.concat([Buffer.from([0xff, 0xe1, 0x00, thumbnail.length + 2]), thumbnail]);
  const withExif = Buffer.concat([a.subarray(0, 2), app1, a.subarray(2)]);
  assert.deepEqual(split(Buffer.concat([withExif, b]), 3).frames, [withExif, b]);
});

test('a progressive JPEG (tables and scans after the first scan) stays one frame', () => {
  const progressive = Buffer.from([
    0xff, 0xd8, 0xff, 0xc2, 0x00, 0x0b, 8, 0, 16, 0, 16, 1, 1, 0x11, 0,
    0xff, 0xda, 0x00, 0x08, 1, 1, 0, 0, 0x3f, 0, 0x12, 0xff, 0x00, 0x34, 0xff, 0xd0, 0x56,
    0xff, 0xc4, 0x00, 0x03, 0x00, 0xff, 0xda, 0x00, 0x08, 1, 1, 0, 0, 0x3f, 0, 0x78,
    0xff, 0xd9,
  ]);
  assert.deepEqual(split(Buffer.concat([progressive, a]), 1).frames, [progressive, a]);
});

test('a frame cut short by a new SOI is dropped and the new frame kept', () => {
  for (const cut of [1, 3, 10, 400, a.length - 1]) {
    const stream = Buffer.concat([a.subarray(0, cut), b]);
    const { frames, dropped } = split(stream, 4);
    assert.deepEqual(frames, [b], `cut at ${cut}`);
    assert.equal(dropped, cut);
  }
});

test('a frame over maxFrameBytes is dropped without holding more than the cap', () => {
  const smallest = Math.min(a.length, b.length, c.length);
  const { frames, dropped } = split(Buffer.concat([a, b, c]), 100, smallest - 1);
  assert.deepEqual(frames, []);
  assert.equal(dropped, a.length + b.length + c.length);
  const fits = split(Buffer.concat([b, c, b]), 64, b.length + 10);
  assert.deepEqual(fits.frames, [b, b]);
  assert.equal(fits.dropped, c.length);
});

test('a flood without any SOI is dropped as it comes', () => {
  const splitter = new MjpegSplitter({ maxFrameBytes: 1000, onFrame: () => assert.fail('no frame') });
  for (let i = 0; i < 100; i++) splitter.push(Buffer.alloc(10_000, 0x41));
  assert.equal(splitter.droppedBytes, 1_000_000);
});
