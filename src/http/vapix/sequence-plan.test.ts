import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planSteps } from './sequence-plan.ts';
import { parseActionString } from './action-string.ts';

function plan(action: string, holdMs = 0) {
  const parsed = parseActionString(action);
  assert.ok(parsed.ok);
  return planSteps(parsed.action.steps, holdMs);
}

test('a plain on or off is one set at once', () => {
  assert.deepEqual(plan('1:/'), { ops: [{ atMs: 0, kind: 'set', active: true }], durationMs: 0 });
  assert.deepEqual(plan('1:\\'), { ops: [{ atMs: 0, kind: 'set', active: false }], durationMs: 0 });
});

test('a timed tail "/300\\" becomes one pulse, so its deadline is journaled', () => {
  assert.deepEqual(plan('1:/300\\'), { ops: [{ atMs: 0, kind: 'pulse', ms: 300 }], durationMs: 300 });
});

test('two pulses 500 ms apart are two pulses, the second 800 ms after the start', () => {
  assert.deepEqual(plan('1:/300\\500/300\\'), {
    ops: [
      { atMs: 0, kind: 'pulse', ms: 300 },
      { atMs: 800, kind: 'pulse', ms: 300 },
    ],
    durationMs: 1100,
  });
});

test('a leading wait delays the first switch', () => {
  assert.deepEqual(plan('1:1000/'), { ops: [{ atMs: 1000, kind: 'set', active: true }], durationMs: 1000 });
  assert.deepEqual(plan('1:1000/200\\'), { ops: [{ atMs: 1000, kind: 'pulse', ms: 200 }], durationMs: 1200 });
});

test('off-then-on and an untimed on-off stay plain sets', () => {
  assert.deepEqual(plan('1:\\300/').ops, [
    { atMs: 0, kind: 'set', active: false },
    { atMs: 300, kind: 'set', active: true },
  ]);
  assert.deepEqual(plan('1:/\\').ops, [
    { atMs: 0, kind: 'set', active: true },
    { atMs: 0, kind: 'set', active: false },
  ]);
});

test('a trailing on after a pulse stays on', () => {
  assert.deepEqual(plan('1:/100\\100/').ops, [
    { atMs: 0, kind: 'pulse', ms: 100 },
    { atMs: 200, kind: 'set', active: true },
  ]);
});

test('hold time keeps the sequence running after its last switch', () => {
  assert.equal(plan('1:/300\\', 5000).durationMs, 5300);
});
