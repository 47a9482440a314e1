import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LoginThrottle } from './login-throttle.ts';

function setup(options: ConstructorParameters<typeof LoginThrottle>[0] = {}) {
  let now = 0;
  const throttle = new LoginThrottle({ clock: () => now, ...options });
  return { throttle, advance: (ms: number) => { now += ms; } };
}

test('five failures are free, then the delay doubles from 250 ms up to 10 s', () => {
  const { throttle } = setup();
  const delays = Array.from({ length: 12 }, () => throttle.recordFailure('10.0.0.1'));
  assert.deepEqual(delays, [0, 0, 0, 0, 0, 250, 500, 1000, 2000, 4000, 8000, 10_000]);
  assert.equal(throttle.failureDelayMs('10.0.0.1'), 10_000);
  for (let i = 0; i < 100; i++) throttle.recordFailure('10.0.0.1');
  assert.equal(throttle.failureDelayMs('10.0.0.1'), 10_000);
});

test('addresses are counted apart', () => {
  const { throttle } = setup();
  for (let i = 0; i < 6; i++) throttle.recordFailure('a');
  assert.equal(throttle.failureDelayMs('a'), 250);
  assert.equal(throttle.failureDelayMs('b'), 0);
});

test('a success resets the address', () => {
  const { throttle } = setup();
  for (let i = 0; i < 8; i++) throttle.recordFailure('a');
  assert.equal(throttle.failureDelayMs('a'), 1000);
  throttle.recordSuccess('a');
  assert.equal(throttle.failureDelayMs('a'), 0);
  assert.equal(throttle.recordFailure('a'), 0);
});

test('failures are forgotten after a quiet window, 10 min by default', () => {
  const { throttle, advance } = setup();
  for (let i = 0; i < 6; i++) throttle.recordFailure('a');
  advance(600_000);
  assert.equal(throttle.failureDelayMs('a'), 250);
  advance(1);
  assert.equal(throttle.failureDelayMs('a'), 0);
  assert.equal(throttle.recordFailure('a'), 0);
});

test('memory is bounded: the address with the oldest failure is dropped', () => {
  const { throttle, advance } = setup({ maxEntries: 2, freeFailures: 0 });
  throttle.recordFailure('a');
  advance(1);
  throttle.recordFailure('b');
  advance(1);
  throttle.recordFailure('a');
  advance(1);
  throttle.recordFailure('c');
  assert.equal(throttle.size, 2);
  assert.equal(throttle.failureDelayMs('b'), 0);
  assert.equal(throttle.failureDelayMs('a'), 500);
  assert.equal(throttle.failureDelayMs('c'), 250);
});

test('bad options are refused at construction', () => {
  assert.throws(() => new LoginThrottle({ windowMs: -1 }), RangeError);
  assert.throws(() => new LoginThrottle({ baseDelayMs: Number.NaN }), RangeError);
});
