import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import type { OutputState, RelayControl } from '../../io/index.ts';
import { OutputSequencer } from './sequencer.ts';
import { planSteps } from './sequence-plan.ts';

/** Records every call instead of switching anything. */
function recordingRelay(fail = false) {
  const calls: string[] = [];
  const state = (index: number, active: boolean): OutputState => ({
    id: `output${index}`, index, name: 'Relay', active, pulseUntil: null, lastChange: null, fault: null, invert: false, pulseMs: 1000,
  });
  const relay: RelayControl = {
    outputs: () => [state(1, false)],
    setOutput: async (index, active, actor) => {
      if (fail) throw new Error('backend gone');
      calls.push(`${index} ${active ? 'on' : 'off'} ${actor}`);
      return state(index, active);
    },
    toggleOutput: async (index) => state(index, true),
    pulseOutput: async (index, ms, actor) => {
      calls.push(`${index} pulse ${ms} ${actor}`);
      return state(index, true);
    },
  };
  return { relay, calls };
}

const quiet = { error: () => {} };

/** Waits until `check` holds (a loaded machine runs timers late), or fails after 2 s. */
async function until(check: () => boolean): Promise<void> {
  for (const deadline = Date.now() + 2000; !check(); await sleep(5)) {
    if (Date.now() > deadline) throw new Error('timed out');
  }
}

test('switches due at once are made before start resolves; later ones follow in the background', async () => {
  const { relay, calls } = recordingRelay();
  const seq = new OutputSequencer(relay, quiet);
  await seq.start(1, planSteps([{ waitMs: 0, active: false }, { waitMs: 40, active: true }]), 'vapix:root');
  assert.deepEqual(calls, ['1 off vapix:root']);
  assert.equal(seq.busy(1), true);
  await until(() => !seq.busy(1));
  assert.deepEqual(calls, ['1 off vapix:root', '1 on vapix:root']);
});

test('a newer start on the same output cancels what is left of the older one', async () => {
  const { relay, calls } = recordingRelay();
  const seq = new OutputSequencer(relay, quiet);
  await seq.start(1, planSteps([{ waitMs: 50, active: true }]), 'vapix:a');
  await seq.start(1, planSteps([{ waitMs: 0, active: false }]), 'vapix:b');
  await sleep(120);
  assert.deepEqual(calls, ['1 off vapix:b']);
});

test('cancel stops the rest; other outputs run on', async () => {
  const { relay, calls } = recordingRelay();
  const seq = new OutputSequencer(relay, quiet);
  await seq.start(1, planSteps([{ waitMs: 40, active: true }]), 'vapix:a');
  await seq.start(2, planSteps([{ waitMs: 40, active: true }]), 'vapix:a');
  seq.cancel(1);
  assert.equal(seq.busy(1), false);
  await until(() => !seq.busy(2));
  await sleep(60);
  assert.deepEqual(calls, ['2 on vapix:a']);
});

test('a sequence with nothing left is not busy once start resolves', async () => {
  const { relay } = recordingRelay();
  const seq = new OutputSequencer(relay, quiet);
  await seq.start(1, planSteps([{ waitMs: 0, active: true }]), 'vapix:a');
  assert.equal(seq.busy(1), false);
});

test('a switch that fails at once rejects start and leaves the output free', async () => {
  const { relay } = recordingRelay(true);
  const seq = new OutputSequencer(relay, quiet);
  await assert.rejects(seq.start(1, planSteps([{ waitMs: 0, active: true }, { waitMs: 10, active: true }]), 'vapix:a'), /backend gone/);
  assert.equal(seq.busy(1), false);
});

test('a background switch that fails is logged and ends the sequence', async () => {
  const { relay } = recordingRelay(true);
  const logged: string[] = [];
  const seq = new OutputSequencer(relay, { error: (_o, msg) => logged.push(msg) });
  await seq.start(1, planSteps([{ waitMs: 10, active: true }]), 'vapix:a');
  await until(() => logged.length > 0);
  assert.deepEqual(logged, ['VAPIX sequence stopped by an error']);
  assert.equal(seq.busy(1), false);
});
