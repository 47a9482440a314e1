import assert from 'node:assert/strict';
import { test } from 'node:test';
import { backoffDelay, resolveRetryPolicy, RETRY_DEFAULTS } from './backoff.ts';
import { isUploadError } from './errors.ts';

test('doubles from initialDelayMs and stops at maxDelayMs', () => {
  const policy = resolveRetryPolicy({ initialDelayMs: 20, maxDelayMs: 100 });
  assert.deepEqual([1, 2, 3, 4, 5, 2000].map((n) => backoffDelay(n, policy)), [20, 40, 80, 100, 100, 100]);
  assert.deepEqual([1, 2, 7, 8].map((n) => backoffDelay(n, resolveRetryPolicy())), [1000, 2000, 60_000, 60_000]);
  assert.equal(backoffDelay(5000, resolveRetryPolicy({ initialDelayMs: 0, maxDelayMs: 0 })), 0, 'no NaN after a long outage');
});

test('jitter takes up to its share off, never adds', () => {
  const policy = resolveRetryPolicy({ initialDelayMs: 1000, jitter: 0.5 });
  assert.equal(backoffDelay(1, policy, () => 0), 1000);
  assert.equal(backoffDelay(1, policy, () => 0.999999), 500);
  assert.equal(backoffDelay(2, policy, () => 0.5), 1500);
});

test('defaults: 5 attempts, 1 s doubling to 60 s, no jitter; undefined fields keep them', () => {
  assert.deepEqual(resolveRetryPolicy(), RETRY_DEFAULTS);
  assert.deepEqual(resolveRetryPolicy({ attempts: undefined, maxDelayMs: 5000 }), { ...RETRY_DEFAULTS, maxDelayMs: 5000 });
  assert.deepEqual(RETRY_DEFAULTS, { attempts: 5, initialDelayMs: 1000, maxDelayMs: 60_000, jitter: 0 });
});

test('out-of-range policies are UPLOAD_CONFIG', () => {
  for (const bad of [{ attempts: 0 }, { attempts: 1.5 }, { initialDelayMs: -1 }, { initialDelayMs: 10, maxDelayMs: 5 }, { jitter: 2 }, { jitter: Number.NaN }]) {
    assert.throws(() => resolveRetryPolicy(bad), (e: unknown) => isUploadError(e, 'UPLOAD_CONFIG'), JSON.stringify(bad));
  }
});
