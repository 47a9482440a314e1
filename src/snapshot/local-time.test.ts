import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatLocalDate, formatLocalTimestamp } from './local-time.ts';

test('formats server local time with zero padding and milliseconds', () => {
  const ms = new Date(2024, 0, 2, 3, 4, 5, 6).getTime();
  assert.equal(formatLocalTimestamp(ms), '2024-01-02 03:04:05.006');
  assert.equal(formatLocalDate(ms), '2024-01-02');
});

test('uses 24-hour time', () => {
  assert.equal(formatLocalTimestamp(new Date(2023, 11, 31, 23, 59, 59, 999).getTime()), '2023-12-31 23:59:59.999');
});
