// When a timed pulse ends, with time under the test's control. Node runs timers by the event loop's
// clock, which is read once per loop turn: scheduled late in a busy turn, a timer fires early by
// the wall clock that deadlines are journaled in (the kill-9 loop saw a pulse end 1 ms before its
// deadline). And a pulse's end is queued behind whatever write is in progress, so it must not
// undo a command that was queued before it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Journal } from '../journal/index.ts';
import { validateConfig } from '../config/index.ts';
import { SimBackend } from './backends/sim.ts';
import type { Timers } from './debouncer.ts';
import { IoHub } from './hub.ts';

/** A clock and timers that move only when the test says; `fire` runs a timer whatever the time. */
function manualTime(start: number) {
  let now = start;
  const pending = new Map<number, { fn: () => void; at: number }>();
  let next = 0;
  const timers: Timers = {
    setTimeout: (fn, ms) => (pending.set(++next, { fn, at: now + ms }), next),
    clearTimeout: (handle) => void pending.delete(handle as number),
  };
  return {
    timers,
    clock: () => now,
    set: (t: number) => (now = t),
    pending: () => [...pending.values()].map((p) => p.at),
    /** Runs every timer due by `at` (by its own reckoning), with the clock at `now`. */
    fire(at: number): void {
      for (const [id, p] of [...pending]) {
        if (p.at > at) continue;
        pending.delete(id);
        p.fn();
      }
    },
  };
}

async function hubWith(time: ReturnType<typeof manualTime>) {
  const config = validateConfig({});
  const journal = new Journal({ file: ':memory:' });
  const backend = new SimBackend({ inputs: 2, outputs: 1 });
  const hub = new IoHub({
    journal,
    inputs: config.io.inputs.map((c, pin) => ({ config: c, binding: { backend, pin } })),
    outputs: config.io.outputs.map((c, pin) => ({ config: c, binding: { backend, pin } })),
    clock: time.clock,
    timers: time.timers,
  });
  await hub.start();
  return { hub, journal, backend };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

test('a pulse timer that fires before the deadline by the clock waits out the rest: the relay is never off early', async () => {
  const time = manualTime(1_000_000);
  const { hub, journal, backend } = await hubWith(time);
  const { pulseUntil } = await hub.pulseOutput(1, 400, 'test');
  assert.equal(pulseUntil, 1_000_400);

  time.set(1_000_399); // the timer's own clock said 400 ms; the wall clock says 399
  time.fire(1_000_400);
  await settle();
  assert.equal(hub.outputs()[0]!.active, true, 'off 1 ms before the deadline');
  assert.deepEqual(backend.outputLevels(), [1]);
  assert.deepEqual(time.pending(), [1_000_400], 'the rest is waited for');

  time.set(1_000_400);
  time.fire(1_000_400);
  await settle();
  assert.equal(hub.outputs()[0]!.active, false);
  const end = journal.query({ kind: 'output', descending: true, limit: 1 })[0]!;
  assert.deepEqual([end.actor, end.time, end.data], ['pulse', 1_000_400, { active: false, pulseUntil: null }]);
  journal.close();
});

test('a command queued behind a slow write before a pulse ends is not undone by that end', async () => {
  const time = manualTime(2_000_000);
  const { hub, journal, backend } = await hubWith(time);
  await hub.pulseOutput(1, 400, 'test');
  // A write that takes its time (a Modbus round trip): re-inverting the relay rewrites its pin.
  const write = backend.writeOutput.bind(backend);
  let release = (): void => {};
  backend.writeOutput = (o, l) => new Promise<void>((resolve) => (release = resolve)).then(() => write(o, l));
  const configuring = hub.configureOutput(1, { invert: true }, 'http:admin');
  const switching = hub.setOutput(1, true, 'http:root'); // "keep it on", queued behind the rewrite
  await settle(); // the rewrite is on the wire
  time.set(2_000_400);
  time.fire(2_000_400); // the pulse ends while both wait
  release();
  await configuring;
  backend.writeOutput = write;
  await switching;
  await settle();
  await settle();
  assert.equal(hub.outputs()[0]!.active, true, 'the pulse end undid a later command');
  const last = journal.query({ kind: 'output', descending: true, limit: 1 })[0]!;
  assert.deepEqual([last.actor, last.data], ['http:root', { active: true, pulseUntil: null }]);
  journal.close();
});
