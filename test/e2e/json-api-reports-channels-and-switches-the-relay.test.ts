// The JSON API's channel view and relay control: `GET /api/v1/io`, `PUT /api/v1/outputs/{n}` with
// `{"active":…}` or a timed `{"pulseMs":…}` that ends by itself and is journaled with its actors.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { startServer, type RunningServer } from '../support/server.ts';
import { DigestClient } from '../support/digest-fetch.ts';

let server: RunningServer;
let root: DigestClient;

before(async () => {
  server = await startServer();
  root = new DigestClient(server.url, 'root', 'pass');
});

after(async () => {
  await server?.stop();
});

async function getJson(path: string): Promise<any> {
  const res = await root.request(path);
  assert.equal(res.status, 200, res.text);
  assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
  return JSON.parse(res.text);
}

async function putOutput(body: unknown): Promise<any> {
  const res = await root.request('/api/v1/outputs/1', {
    method: 'PUT',
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json' },
  });
  assert.equal(res.status, 200, res.text);
  return JSON.parse(res.text);
}

const INPUT_FIELDS = ['id', 'index', 'name', 'direction', 'level', 'pulses', 'lastChange', 'fault'];
const OUTPUT_FIELDS = ['id', 'index', 'name', 'direction', 'active', 'pulseUntil', 'lastChange', 'fault'];

/** The documented fields of a channel, exactly; fields added later do not break the check. */
function documented(channel: Record<string, unknown>): Record<string, unknown> {
  const fields = channel.direction === 'output' ? OUTPUT_FIELDS : INPUT_FIELDS;
  for (const f of fields) assert.ok(f in channel, `channel ${String(channel.id)} lacks ${f}`);
  return Object.fromEntries(fields.map((f) => [f, channel[f]]));
}

function assertIsoBetween(iso: string, from: number, to: number): void {
  assert.match(iso, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  const t = Date.parse(iso);
  assert.ok(t >= from && t <= to, `${iso} is not between ${new Date(from).toISOString()} and ${new Date(to).toISOString()}`);
}

test('GET /api/v1/io lists every channel with its id, name, direction and state', async () => {
  const { channels } = await getJson('/api/v1/io');
  assert.deepEqual(channels.map(documented), [
      { id: 'input1', index: 1, name: 'Input 1', direction: 'input', level: 0, pulses: 0, lastChange: null, fault: null },
      { id: 'input2', index: 2, name: 'Input 2', direction: 'input', level: 0, pulses: 0, lastChange: null, fault: null },
      { id: 'output1', index: 1, name: 'Relay 1', direction: 'output', active: false, pulseUntil: null, lastChange: null, fault: null },
  ]);
});

test('an input\'s level, pulses and lastChange follow the wiring', async () => {
  const from = Date.now();
  const sim = await root.request('/api/v1/sim/inputs/2', {
    method: 'POST',
    body: JSON.stringify({ pulses: 2, highMs: 0, lowMs: 0 }),
    headers: { 'content-type': 'application/json' },
  });
  assert.deepEqual(JSON.parse(sim.text), { id: 'input2', level: 0, pulses: 2 });
  const high = await root.request('/api/v1/sim/inputs/2', {
    method: 'POST',
    body: JSON.stringify({ level: 1 }),
    headers: { 'content-type': 'application/json' },
  });
  assert.deepEqual(JSON.parse(high.text), { id: 'input2', level: 1, pulses: 2 });
  const to = Date.now();
  const [input1, input2] = (await getJson('/api/v1/io')).channels;
  assert.deepEqual(documented(input1), { id: 'input1', index: 1, name: 'Input 1', direction: 'input', level: 0, pulses: 0, lastChange: null, fault: null });
  assert.deepEqual({ ...documented(input2), lastChange: 'checked below' }, {
    id: 'input2', index: 2, name: 'Input 2', direction: 'input', level: 1, pulses: 2, lastChange: 'checked below', fault: null,
  });
  assertIsoBetween(input2.lastChange, from, to);
});

test('PUT {"active":true} switches the relay on and answers its new state', async () => {
  const from = Date.now();
  const state = await putOutput({ active: true });
  const to = Date.now();
  assert.deepEqual({ ...documented(state), lastChange: 'x' }, {
    id: 'output1', index: 1, name: 'Relay 1', direction: 'output', active: true, pulseUntil: null, lastChange: 'x', fault: null,
  });
  assertIsoBetween(state.lastChange, from, to);
  assert.deepEqual(await getJson('/api/v1/outputs/1'), state);
  assert.deepEqual((await putOutput({ active: false })).active, false);
});

test('PUT {"pulseMs":300} switches on, goes back off by itself, and the journal shows http:root then pulse', async () => {
  const { lastSeq } = await getJson('/api/v1/status');
  const from = Date.now();
  const state = await putOutput({ pulseMs: 300 });
  const to = Date.now();
  assert.equal(state.active, true);
  assertIsoBetween(state.pulseUntil, from + 300, to + 300);
  let offAt = 0;
  while (!offAt) {
    await sleep(20);
    const now = await getJson('/api/v1/outputs/1');
    if (!now.active) {
      offAt = Date.now();
      assert.equal(now.pulseUntil, null);
    }
    assert.ok(Date.now() - from < 3000, 'the relay was still on 3 s after a 300 ms pulse');
  }
  assert.ok(offAt - from >= 290, `off after ${offAt - from} ms, before the 300 ms were up`);
  const events = (await getJson(`/api/v1/events?since=${lastSeq}&channel=output1`)).events;
  assert.deepEqual(
    events.map((e: { kind: string; actor: string; data: object }) => [e.kind, e.actor, e.data]),
    [
      ['output', 'http:root', { active: true, pulseUntil: Date.parse(state.pulseUntil) }],
      ['output', 'pulse', { active: false, pulseUntil: null }],
    ],
  );
  const ended = Date.parse(events[1].time);
  assert.ok(ended >= Date.parse(state.pulseUntil) - 5 && ended <= Date.parse(state.pulseUntil) + 500, `pulse ended at ${events[1].time}, deadline ${state.pulseUntil}`);
});

test('a relay switched off during a pulse stays off', async () => {
  await putOutput({ pulseMs: 200 });
  const off = await putOutput({ active: false });
  assert.deepEqual([off.active, off.pulseUntil], [false, null]);
  const { lastSeq } = await getJson('/api/v1/status');
  await sleep(400);
  assert.equal((await getJson('/api/v1/outputs/1')).active, false);
  assert.deepEqual((await getJson(`/api/v1/events?since=${lastSeq}&channel=output1`)).events, []);
});
