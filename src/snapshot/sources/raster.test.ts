import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Raster } from './raster.ts';

test('fillRect paints exactly its rectangle and clips at the edges', () => {
  const raster = new Raster(4, 3);
  raster.fillRect(-2, 1, 4, 10, [10, 20, 30]);
  assert.deepEqual(raster.pixel(0, 1), [10, 20, 30]);
  assert.deepEqual(raster.pixel(1, 2), [10, 20, 30]);
  assert.deepEqual(raster.pixel(2, 1), [255, 255, 255], 'right of the rectangle is untouched');
  assert.deepEqual(raster.pixel(0, 0), [255, 255, 255], 'above the rectangle is untouched');
  assert.equal(raster.data[(1 * 4 + 0) * 4 + 3], 255, 'alpha stays opaque');
});

test('strokeRect leaves the inside alone', () => {
  const raster = new Raster(5, 5);
  raster.strokeRect(0, 0, 5, 5, 1, [0, 0, 0]);
  assert.deepEqual(raster.pixel(0, 0), [0, 0, 0]);
  assert.deepEqual(raster.pixel(4, 4), [0, 0, 0]);
  assert.deepEqual(raster.pixel(2, 2), [255, 255, 255]);
});

test('rejects sizes that are not positive integers', () => {
  assert.throws(() => new Raster(0, 10), RangeError);
  assert.throws(() => new Raster(10.5, 10), RangeError);
});
