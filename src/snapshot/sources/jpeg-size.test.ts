import assert from 'node:assert/strict';
import { test } from 'node:test';
// jpeg-js encodes synchronously, which keeps these fixtures plain constants.
import { encode } from 'jpeg-js';
import { isStartOfFrame, readJpegSize, startsWithSoi } from './jpeg-size.ts';

function jpeg(width: number, height: number): Buffer {
  return encode({ data: new Uint8Array(width * height * 4), width, height }, 50).data;
}

/** SOI, then the given segments (marker, body), then SOS and EOI. */
function handMade(...segments: Array<[number, number[]]>): Buffer {
  const bytes = [0xff, 0xd8];
  for (const [marker, body] of segments) bytes.push(0xff, marker, (body.length + 2) >> 8, (body.length + 2) & 0xff, ...body);
  bytes.push(0xff, 0xda, 0x00, 0x02, 0x00, 0xff, 0xd9);
  return Buffer.from(bytes);
}

const sof = (h: number, w: number) => [8, h >> 8, h & 0xff, w >> 8, w & 0xff, 1, 1, 0x11, 0];

test('reads the size of encoded JPEGs', () => {
  for (const [w, h] of [[16, 16], [320, 240], [641, 479], [1, 3000]] as const) {
    assert.deepEqual(readJpegSize(jpeg(w, h)), { width: w, height: h });
  }
});

test('skips APP and DHT segments and fill bytes before the frame header', () => {
  const app = Array.from({ length: 300 }, (_, i) => i & 0xff);
  const bytes = handMade([0xe0, app], [0xc4, [0, 1, 2]], [0xc2, sof(1080, 1920)]);
  assert.deepEqual(readJpegSize(bytes), { width: 1920, height: 1080 });
  const filled = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), bytes.subarray(2)]);
  assert.deepEqual(readJpegSize(filled), { width: 1920, height: 1080 });
});

test('refuses what is not a sized JPEG', () => {
  assert.equal(readJpegSize(Buffer.from('<html>not a picture</html>')), undefined);
  assert.equal(readJpegSize(Buffer.alloc(0)), undefined);
  assert.equal(readJpegSize(Buffer.from([0xff, 0xd8])), undefined, 'SOI only');
  assert.equal(readJpegSize(handMade([0xe0, [1, 2]])), undefined, 'scan before any frame header');
  assert.equal(readJpegSize(handMade([0xc0, sof(0, 100)])), undefined, 'height left to DNL');
  assert.equal(readJpegSize(jpeg(64, 48).subarray(0, 40)), undefined, 'cut short');
  assert.equal(readJpegSize(Buffer.from([0xff, 0xd8, 0x00, 0x10, 0, 0])), undefined, 'junk between segments');
  assert.equal(readJpegSize(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x01, 0, 0])), undefined, 'length below 2');
});

test('tells SOF markers from the DHT, JPG and DAC markers in their range', () => {
  assert.deepEqual([0xc0, 0xc1, 0xc2, 0xc3, 0xc4, 0xc8, 0xcc, 0xcf, 0xd0].map(isStartOfFrame),
    [true, true, true, true, false, false, false, true, false]);
  assert.equal(startsWithSoi(Buffer.from([0xff, 0xd8, 0xff])), true);
  assert.equal(startsWithSoi(Buffer.from([0xff])), false);
});
