import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { OutputState, RelayControl } from '../io/index.ts';
import { CommandRouter, type CommandOutcome } from './command-router.ts';
import type { MqttMessage, SubscribeOptions } from './connection.ts';
import { silentLog } from './log.ts';
import { deviceTopics } from './topics.ts';

const topics = deviceTopics('auxio', 'auxio');

/** Relays that record what they were asked, as the hub would apply it. */
function recordingRelays(count = 1) {
  const calls: string[] = [];
  const states: OutputState[] = Array.from({ length: count }, (_, i) => ({
    id: `output${i + 1}`, index: i + 1, name: `Relay ${i + 1}`, active: false, pulseUntil: null, lastChange: null, fault: null, invert: false, pulseMs: 750,
  }));
  const relays: RelayControl = {
    outputs: () => states,
    setOutput: async (n, active, actor) => (calls.push(`set ${n} ${active} ${actor}`), { ...states[n - 1]!, active }),
    toggleOutput: async (n, actor) => (calls.push(`toggle ${n} ${actor}`), states[n - 1]!),
    pulseOutput: async (n, ms, actor) => (calls.push(`pulse ${n} ${ms} ${actor}`), states[n - 1]!),
  };
  return { relays, calls };
}

function router(role: 'viewer' | 'operator' | 'admin' = 'operator') {
  const { relays, calls } = recordingRelays();
  const runs: string[] = [];
  const subscriptions: Array<{ filter: string; options: SubscribeOptions | undefined }> = [];
  const r = new CommandRouter({
    connection: { subscribe: (filter, _handler, options) => (subscriptions.push({ filter, options }), () => {}) },
    topics,
    relays,
    scripts: { entries: () => [1, 2], runByHand: (n, actor) => (n <= 2 ? (runs.push(`${n} ${actor}`), true) : false) },
    role,
    actor: 'mqtt:ha',
    log: silentLog,
  });
  return { r, calls, runs, subscriptions };
}

const message = (topic: string, text: string, over: Partial<MqttMessage> = {}): MqttMessage => ({
  topic, payload: Buffer.from(text), retain: false, dup: false, qos: 1, messageId: 1, ...over,
});

test('relay commands go to the relay with the MQTT actor', async () => {
  const { r, calls } = router();
  const outcomes: CommandOutcome[] = [];
  let id = 1;
  for (const text of ['ON', 'OFF', 'TOGGLE', 'PULSE', '{"pulse_ms":300}']) {
    outcomes.push(await r.handle(message(topics.relaySet(1), text, { messageId: id++ })));
  }
  assert.deepEqual(outcomes, ['applied', 'applied', 'applied', 'applied', 'applied']);
  assert.deepEqual(calls, ['set 1 true mqtt:ha', 'set 1 false mqtt:ha', 'toggle 1 mqtt:ha', 'pulse 1 750 mqtt:ha', 'pulse 1 300 mqtt:ha']);
});

test('a command that arrives retained is ignored', async () => {
  const { r, calls } = router();
  assert.equal(await r.handle(message(topics.relaySet(1), 'ON', { retain: true })), 'retained');
  assert.deepEqual(calls, []);
});

test('a QoS 1 resend with DUP is applied once', async () => {
  const { r, calls } = router();
  assert.equal(await r.handle(message(topics.relaySet(1), 'TOGGLE', { messageId: 9 })), 'applied');
  assert.equal(await r.handle(message(topics.relaySet(1), 'TOGGLE', { messageId: 9, dup: true })), 'repeat');
  assert.deepEqual(calls, ['toggle 1 mqtt:ha']);
});

test('bad payloads and unknown relays are refused and change nothing', async () => {
  const { r, calls } = router();
  assert.equal(await r.handle(message(topics.relaySet(1), 'OPEN')), 'bad-payload');
  assert.equal(await r.handle(message(topics.relaySet(1), '{"pulse_ms":-1}', { messageId: 2 })), 'bad-payload');
  assert.equal(await r.handle(message(topics.relaySet(2), 'ON', { messageId: 3 })), 'unknown-target');
  assert.equal(await r.handle(message('auxio/auxio/relay/1/state', 'ON', { messageId: 4 })), 'unknown-target');
  assert.deepEqual(calls, []);
});

test('a button press runs the script entry by hand', async () => {
  const { r, runs } = router();
  assert.equal(await r.handle(message(topics.scriptRun(2), 'PRESS')), 'applied');
  assert.equal(await r.handle(message(topics.scriptRun(3), 'PRESS', { messageId: 2 })), 'unknown-target');
  assert.equal(await r.handle(message(topics.scriptRun(1), 'ON', { messageId: 3 })), 'bad-payload');
  assert.deepEqual(runs, ['2 mqtt:ha']);
});

test('an operator subscribes to both command filters with Retain As Published', () => {
  const { r, subscriptions } = router('operator');
  r.start();
  assert.deepEqual(subscriptions, [
    { filter: 'auxio/auxio/relay/+/set', options: { qos: 1, retainAsPublished: true } },
    { filter: 'auxio/auxio/script/+/run', options: { qos: 1, retainAsPublished: true } },
  ]);
});

test('a viewer role makes MQTT read-only: no subscriptions, and commands are refused', async () => {
  const { r, subscriptions, calls } = router('viewer');
  r.start();
  assert.deepEqual(subscriptions, []);
  assert.equal(await r.handle(message(topics.relaySet(1), 'ON')), 'unknown-target');
  assert.deepEqual(calls, []);
});
