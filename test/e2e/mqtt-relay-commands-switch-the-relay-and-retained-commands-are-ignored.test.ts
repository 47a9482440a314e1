// DESIGN.md: a switch's command topic switches the relay through the same relay control as HTTP,
// journaled with an mqtt actor; "Ignore any message on a command topic that arrives with the retain
// flag (a retained ON would switch a relay again after every reconnect)"; bad payloads change nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api } from '../support/api.ts';
import { startServer } from '../support/server.ts';
import { mqttConfig } from '../support/mqtt-config.ts';
import { auxioOnBroker } from '../support/mqtt-rig.ts';

const SET = 'auxio/auxio/relay/1/set';
const STATE = 'auxio/auxio/relay/1/state';
// `restore`: after a restart the relay is as it was, so only a wrongly applied command could change it.
const CONFIG_REST = { io: { outputs: [{ startup: 'restore', pulse_ms: 200 }] } };

const rig = auxioOnBroker({ subscribe: 'auxio/#', rest: CONFIG_REST });

async function relayActive(): Promise<boolean> {
  const { body } = await api(rig.server.url, '/api/v1/io');
  return body.channels.find((c: { id: string }) => c.id === 'output1').active;
}

async function outputEntries(since: number): Promise<Array<[string, boolean]>> {
  const { body } = await api(rig.server.url, `/api/v1/events?since=${since}&channel=output1`);
  return body.events.map((e: { actor: string; data: { active: boolean } }) => [e.actor, e.data.active]);
}

test('ON switches the relay, journaled with the mqtt actor, and the state follows', async () => {
  const { lastSeq } = (await api(rig.server.url, '/api/v1/status')).body;
  const from = rig.watcher.mark();
  await rig.watcher.publish(SET, 'ON');
  await rig.watcher.waitForText(STATE, 'ON', { from });
  assert.equal(await relayActive(), true);
  assert.deepEqual(await outputEntries(lastSeq), [['mqtt:auxio_auxio', true]]);
});

test('a live command published retained is ignored; the next plain one is applied', async () => {
  assert.equal(await relayActive(), true);
  const { lastSeq } = (await api(rig.server.url, '/api/v1/status')).body;
  const from = rig.watcher.mark();
  await rig.watcher.publish(SET, 'OFF', { retain: true });
  // Same publisher, same QoS: the broker delivers in order, so TOGGLE is handled after the retained OFF.
  await rig.watcher.publish(SET, 'TOGGLE');
  await rig.watcher.waitForText(STATE, 'OFF', { from });
  // Had the retained OFF been applied, TOGGLE would have switched the relay back on.
  assert.deepEqual(await outputEntries(lastSeq), [['mqtt:auxio_auxio', false]]);
  assert.ok(rig.server.logs.some((l) => String(l.msg).includes('arrived retained')), 'the ignored command is logged');
});

test('a retained command waiting on the broker is ignored when auxio comes back', async () => {
  // The retained OFF from the test before is still on the broker; switch on, restart, and see it stays on.
  const switched = rig.watcher.mark();
  await rig.watcher.publish(SET, 'ON');
  await rig.watcher.waitForText(STATE, 'ON', { from: switched });
  await rig.server.stop();
  const from = rig.watcher.mark();
  rig.server = await startServer({ dataDir: rig.server.dataDir, config: mqttConfig(rig.broker, {}, CONFIG_REST) });
  await rig.watcher.waitForText('auxio/auxio/availability', 'online', { from });
  await rig.watcher.waitForText(STATE, 'ON', { from });
  const { lastSeq } = (await api(rig.server.url, '/api/v1/status')).body;
  // A marker command after the restart: once it is handled, the retained OFF surely was too.
  await rig.watcher.publish(SET, '{"pulse_ms":200}');
  await rig.watcher.waitFor((m) => m.topic === STATE && m.text === 'OFF', { from });
  assert.deepEqual(await outputEntries(lastSeq), [['mqtt:auxio_auxio', true], ['pulse', false]]);
  assert.ok(rig.server.logs.some((l) => String(l.msg).includes('arrived retained')), 'the ignored command is logged');
  await rig.watcher.publish(SET, '', { retain: true }); // clears the retained command
});

test('bad payloads are logged and change nothing', async () => {
  const { lastSeq } = (await api(rig.server.url, '/api/v1/status')).body;
  for (const text of ['OPEN', '{"pulse_ms":0}', 'on off']) await rig.watcher.publish(SET, text);
  await rig.watcher.publish('auxio/auxio/relay/9/set', 'ON');
  // A marker: handled in order, after the bad ones.
  const from = rig.watcher.mark();
  await rig.watcher.publish(SET, 'ON');
  await rig.watcher.waitForText(STATE, 'ON', { from });
  assert.deepEqual(await outputEntries(lastSeq), [['mqtt:auxio_auxio', true]]);
  const refused = rig.server.logs.filter((l) => l.msg === 'MQTT command refused');
  assert.deepEqual(refused.map((l) => l.payload), ['"OPEN"', '"{\\"pulse_ms\\":0}"', '"on off"', '"ON"']);
});
