// `command_role: viewer`: MQTT commands have a viewer's rights, as over HTTP, so none is taken, and
// Home Assistant sees the relay as a binary_sensor instead of a switch.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { api } from '../support/api.ts';
import { retainedMessages } from '../support/mqtt-watcher.ts';
import { auxioOnBroker } from '../support/mqtt-rig.ts';

const rig = auxioOnBroker({ subscribe: '#', mqtt: { command_role: 'viewer' } });

test('the relay is offered read-only, as a binary_sensor', async () => {
  const retained = await retainedMessages(rig.broker.url, 'homeassistant/#');
  assert.equal(retained.has('homeassistant/switch/auxio_relay1/config'), false);
  const relay = JSON.parse(retained.get('homeassistant/binary_sensor/auxio_relay1/config')!.text);
  assert.deepEqual([relay.state_topic, relay.default_entity_id, 'command_topic' in relay], ['auxio/auxio/relay/1/state', 'binary_sensor.auxio_relay1', false]);
});

test('a relay command over MQTT changes nothing', async () => {
  const { lastSeq } = (await api(rig.server.url, '/api/v1/status')).body;
  await rig.watcher.publish('auxio/auxio/relay/1/set', 'ON');
  // Nothing to wait for when nothing happens: give a wrongly taken command ample time to show.
  await sleep(300);
  const { body } = await api(rig.server.url, `/api/v1/events?since=${lastSeq}&channel=output1`);
  assert.deepEqual(body.events, []);
  assert.equal((await api(rig.server.url, '/api/v1/outputs/1')).body.active, false);
});
