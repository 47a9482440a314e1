import { test } from 'node:test';
import assert from 'node:assert/strict';
import { reconnectDelay } from './reconnect-delay.ts';

const bounds = { minMs: 1000, maxMs: 60_000 };

test('the delay doubles from the minimum up to the maximum', () => {
  const top = (attempt: number): number => reconnectDelay(attempt, bounds, () => 1);
  assert.deepEqual([0, 1, 2, 3, 4, 5, 6, 7, 50].map(top), [1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000, 60000]);
});

test('jitter keeps the delay in the upper half', () => {
  assert.equal(reconnectDelay(3, bounds, () => 0), 4000);
  assert.equal(reconnectDelay(3, bounds, () => 0.5), 6000);
  for (let i = 0; i < 100; i++) {
    const d = reconnectDelay(2, bounds);
    assert.ok(d >= 2000 && d <= 4000, String(d));
  }
});
