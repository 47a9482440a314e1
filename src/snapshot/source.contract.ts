// The contract every SnapshotSource passes; each implementation's test file runs it.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { decode } from 'jpeg-js';
import type { SnapshotSource } from './source.ts';

/** Reasons a source skips a contract test; a skip without a reason is not allowed. */
export interface ContractSkips {
  /** Set when the source cannot scale, e.g. an upstream camera with a fixed size. */
  honoursSize?: string;
}

/** Registers the shared SnapshotSource tests for one implementation. */
export function describeSourceContract(kind: string, makeSource: () => SnapshotSource, skips: ContractSkips = {}): void {
  describe(`SnapshotSource contract: ${kind}`, () => {
    let source: SnapshotSource;
    before(async () => {
      source = makeSource();
      await source.start();
    });
    after(async () => source.stop());

    test('names its kind', () => {
      assert.equal(source.kind, kind);
      assert.ok(source.name.length > 0);
    });

    test('hands over a complete JPEG whose size is what it reports', async () => {
      const before = Date.now();
      const shot = await source.capture();
      assert.deepEqual([...shot.jpeg.subarray(0, 2)], [0xff, 0xd8], 'starts with SOI');
      assert.deepEqual([...shot.jpeg.subarray(-2)], [0xff, 0xd9], 'ends with EOI');
      const image = decode(shot.jpeg);
      assert.deepEqual([image.width, image.height], [shot.width, shot.height]);
      assert.ok(shot.capturedAt >= before && shot.capturedAt <= Date.now(), 'capturedAt is now');
    });

    test('honours a requested size', { skip: skips.honoursSize ?? false }, async () => {
      const shot = await source.capture({ width: 320, height: 240 });
      const image = decode(shot.jpeg);
      assert.deepEqual([image.width, image.height, shot.width, shot.height], [320, 240, 320, 240]);
    });
  });
}
