import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Journal } from '../journal/index.ts';
import { IoHub } from './hub.ts';
import { SimBackend } from './backends/sim.ts';
import { validateConfig } from '../config/index.ts';

function tempDb(): string {
  return join(mkdtempSync(join(tmpdir(), 'auxio-hub-')), 'auxio.db');
}

/** A hub on the simulator with the given io config, counting output writes. */
async function startHub(file: string, io: object = {}, initialLevels?: Array<0 | 1>) {
  const config = validateConfig({ io });
  const journal = new Journal({ file });
  const backend = new SimBackend({ inputs: config.io.inputs.length, outputs: config.io.outputs.length, initialLevels });
  const writes: Array<[number, number]> = [];
  const write = backend.writeOutput.bind(backend);
  backend.writeOutput = async (o, l) => {
    writes.push([o, l]);
    return write(o, l);
  };
  const hub = new IoHub({
    journal,
    inputs: config.io.inputs.map((c, pin) => ({ config: c, binding: { backend, pin } })),
    outputs: config.io.outputs.map((c, pin) => ({ config: c, binding: { backend, pin } })),
  });
  await hub.start();
  const stop = async (): Promise<void> => {
    await hub.stop();
    journal.close();
  };
  return { hub, journal, backend, writes, stop };
}

test('start-up reads the first level as state and journals no edge', async () => {
  const { hub, journal, stop } = await startHub(tempDb(), {}, [1, 0]);
  assert.deepEqual(hub.inputs().map((i) => i.level), [1, 0]);
  assert.equal(journal.query({ kind: 'input' }).length, 0);
  await stop();
});

test('every one-to-zero transition is counted, journaled with its total, and reported once by input.txt', async () => {
  const { hub, journal, backend, stop } = await startHub(tempDb());
  await backend.pulse(0, { count: 25, highMs: 0, lowMs: 0 });
  assert.equal(hub.inputs()[0]!.pulses, 25);
  const edges = journal.query({ channel: 'input1', limit: 1000 });
  assert.equal(edges.length, 50);
  assert.deepEqual(edges.at(-1)!.data, { level: 0, pulses: 25 });
  assert.equal(hub.readInterval()[0]!.pulse, 25);
  assert.equal(hub.readInterval()[0]!.pulse, 0);
  await stop();
});

test('peek reads without starting a new interval', async () => {
  const { hub, backend, stop } = await startHub(tempDb());
  await backend.pulse(1, { count: 3, highMs: 0, lowMs: 0 });
  assert.equal(hub.readInterval({ peek: true })[1]!.pulse, 3);
  assert.equal(hub.readInterval()[1]!.pulse, 3);
  await stop();
});

test('inversion: an active-low input reads 1 when the pin is low, and counts logical 1→0', async () => {
  const { hub, backend, stop } = await startHub(tempDb(), { inputs: [{ invert: true }] }, [0]);
  assert.equal(hub.inputs()[0]!.level, 1);
  await backend.setLevel(0, 1);
  assert.equal(hub.inputs()[0]!.level, 0);
  assert.equal(hub.inputs()[0]!.pulses, 1);
  await stop();
});

test('pulse totals and the open input.txt interval survive a restart', async () => {
  const file = tempDb();
  const first = await startHub(file);
  await first.backend.pulse(0, { count: 4, highMs: 0, lowMs: 0 });
  first.hub.readInterval();
  await first.backend.pulse(0, { count: 3, highMs: 0, lowMs: 0 });
  await first.stop();
  const second = await startHub(file);
  assert.equal(second.hub.inputs()[0]!.pulses, 7);
  assert.equal(second.hub.readInterval()[0]!.pulse, 3);
  await second.stop();
});

for (const [policy, stored, expected] of [
  ['off', true, 0],
  ['on', false, 1],
  ['restore', true, 1],
  ['restore', false, 0],
] as const) {
  test(`start-up policy ${policy} with the relay last ${stored ? 'on' : 'off'}: one write, level ${expected}`, async () => {
    const file = tempDb();
    const first = await startHub(file, { outputs: [{ startup: 'off' }] });
    await first.hub.setOutput(1, stored, 'test');
    await first.stop();
    const second = await startHub(file, { outputs: [{ startup: policy }] });
    assert.deepEqual(second.writes, [[0, expected]]);
    assert.equal(second.journal.query({ kind: 'output', descending: true, limit: 1 })[0]!.actor, 'startup');
    await second.stop();
  });
}

test('a timed pulse ends on time, and after a restart still ends at its journaled deadline', async () => {
  const file = tempDb();
  const first = await startHub(file);
  const state = await first.hub.pulseOutput(1, 300, 'http:root');
  assert.equal(state.active, true);
  assert.ok(state.pulseUntil! > Date.now());
  await first.stop(); // a stop (or crash) in the middle of the pulse
  const second = await startHub(file, { outputs: [{ startup: 'off' }] });
  assert.deepEqual(second.writes, [[0, 1]], 'the pulse is still running: one write, on');
  await sleep(400);
  assert.equal(second.hub.outputs()[0]!.active, false);
  const last = second.journal.query({ kind: 'output', descending: true, limit: 1 })[0]!;
  assert.equal(last.actor, 'pulse');
  await second.stop();
});

test('a pulse counts from the moment the hardware switched: a slow backend does not shorten it', async () => {
  const { hub, journal, backend, stop } = await startHub(tempDb());
  const write = backend.writeOutput.bind(backend);
  backend.writeOutput = async (o, l) => {
    await sleep(30); // a Modbus round trip
    return write(o, l);
  };
  await hub.pulseOutput(1, 400, 'test');
  const started = journal.query({ kind: 'output', descending: true, limit: 1 })[0]!;
  assert.ok(started.kind === 'output');
  assert.equal(started.data.pulseUntil! - started.time, 400);
  await stop();
});

test('a pulse whose deadline passed while auxio was down ends at once at start-up', async () => {
  const file = tempDb();
  const first = await startHub(file);
  await first.hub.pulseOutput(1, 50, 'test');
  await first.stop();
  await sleep(80);
  const second = await startHub(file, { outputs: [{ startup: 'on' }] });
  assert.deepEqual(second.writes, [[0, 0]]);
  assert.equal(second.hub.outputs()[0]!.active, false);
  await second.stop();
});

test('every relay change carries its actor', async () => {
  const { hub, journal, stop } = await startHub(tempDb());
  await hub.setOutput(1, true, 'http:root');
  await hub.setOutput(1, true, 'http:root');
  await hub.toggleOutput(1, 'script:2');
  const changes = journal.query({ kind: 'output' }).map((e) => [e.actor, (e.data as { active: boolean }).active]);
  assert.deepEqual(changes, [['startup', false], ['http:root', true], ['script:2', false]]);
  await stop();
});

test('re-inverting an input re-reads its level as state: no edge, no pulse, and it survives a restart', async () => {
  const file = tempDb();
  const first = await startHub(file, {}, [1, 0]);
  const state = first.hub.configureInput(1, { name: 'Door', invert: true }, 'vapix:root');
  assert.deepEqual([state.name, state.level, state.pulses, state.invert], ['Door', 0, 0, true]);
  assert.equal(first.journal.query({ kind: 'input' }).length, 0);
  assert.equal(first.journal.query({ kind: 'channel' })[0]!.actor, 'vapix:root');
  await first.backend.setLevel(0, 0);
  assert.deepEqual([first.hub.inputs()[0]!.level, first.hub.inputs()[0]!.pulses], [1, 0], 'pin low now reads 1');
  await first.stop();
  const second = await startHub(file, {}, [0, 0]);
  assert.deepEqual([second.hub.inputs()[0]!.name, second.hub.inputs()[0]!.level], ['Door', 1]);
  await second.stop();
});

test('re-inverting an output rewrites the pin so the relay keeps its state', async () => {
  const { hub, backend, stop } = await startHub(tempDb());
  await hub.setOutput(1, true, 'test');
  assert.deepEqual(backend.outputLevels(), [1]);
  const state = await hub.configureOutput(1, { invert: true, pulseMs: 250 }, 'vapix:root');
  assert.deepEqual([state.active, state.invert, state.pulseMs], [true, true, 250]);
  assert.deepEqual(backend.outputLevels(), [0]);
  await stop();
});
