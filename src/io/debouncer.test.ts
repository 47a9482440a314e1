import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Debouncer, type Timers } from './debouncer.ts';

/** Timers driven by hand: `advance(ms)` fires what is due. */
function manualTimers() {
  let now = 0;
  let timers: Array<{ at: number; fn: () => void; id: number }> = [];
  let next = 1;
  const api: Timers = {
    setTimeout: (fn, ms) => {
      const id = next++;
      timers.push({ at: now + ms, fn, id });
      return id;
    },
    clearTimeout: (id) => {
      timers = timers.filter((t) => t.id !== id);
    },
  };
  const advance = (ms: number): void => {
    now += ms;
    for (const t of timers.filter((t) => t.at <= now)) {
      timers = timers.filter((x) => x !== t);
      t.fn();
    }
  };
  return { api, advance, now: () => now };
}

test('without debounce every change is accepted at once', () => {
  const seen: Array<[number, number]> = [];
  const d = new Debouncer(0, 0, (l, at) => seen.push([l, at]));
  d.feed(1, 10);
  d.feed(1, 11);
  d.feed(0, 12);
  assert.deepEqual(seen, [[1, 10], [0, 12]]);
});

test('a bounce shorter than the debounce time is ignored, on both edges', () => {
  const t = manualTimers();
  const seen: number[] = [];
  const d = new Debouncer(0, 50, (l) => seen.push(l), t.api);
  d.feed(1, 0);
  t.advance(20);
  d.feed(0, 20);
  t.advance(100);
  assert.deepEqual(seen, []);
  d.feed(1, 120);
  t.advance(50);
  assert.deepEqual(seen, [1]);
  d.feed(0, 170);
  t.advance(49);
  d.feed(1, 219);
  t.advance(100);
  assert.deepEqual(seen, [1], 'a falling bounce is filtered too');
  assert.equal(d.level, 1);
});

test('the accepted edge keeps the time the pin changed, and long debounce values work', () => {
  const t = manualTimers();
  const seen: Array<[number, number]> = [];
  const d = new Debouncer(1, 5000, (l, at) => seen.push([l, at]), t.api);
  d.feed(0, 1000);
  t.advance(4999);
  assert.deepEqual(seen, []);
  t.advance(1);
  assert.deepEqual(seen, [[0, 1000]]);
});
