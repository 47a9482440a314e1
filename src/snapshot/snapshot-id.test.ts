import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isSnapshotId, parseSnapshotId } from './snapshot-id.ts';

test('parses plain positive decimal ids', () => {
  assert.equal(parseSnapshotId('1'), 1);
  assert.equal(parseSnapshotId('4200'), 4200);
});

test('refuses anything that is not a plain id', () => {
  for (const text of ['', '0', '-1', '+1', '01', '1.5', '1e3', '0x10', ' 1', '1 ', '../1', '1/..', '99999999999999999']) {
    assert.equal(parseSnapshotId(text), undefined, JSON.stringify(text));
  }
});

test('isSnapshotId accepts positive safe integers only', () => {
  assert.ok(isSnapshotId(7));
  for (const value of [0, -3, 1.5, Number.NaN, Infinity, 2 ** 53, '7']) assert.ok(!isSnapshotId(value), String(value));
});
