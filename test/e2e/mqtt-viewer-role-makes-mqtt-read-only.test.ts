// `command_role: viewer`: MQTT commands have a viewer's rights, as over HTTP, so none is taken, and
// Home Assistant sees the relay as a binary_sensor instead of a switch.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { startServer, type RunningServer } from '../support/server.ts';
import { api } from '../support/api.ts';
import { startBroker, type Broker } from '../support/mosquitto.ts';
import { MqttWatcher, retainedMessages } from '../support/mqtt-watcher.ts';
import { mqttConfig } from '../support/mqtt-config.ts';

let broker: Broker;
let server: RunningServer;
let watcher: MqttWatcher;

before(async () => {
  broker = await startBroker();
  watcher = await MqttWatcher.connect(broker.url);
  await watcher.subscribe('#');
  server = await startServer({ config: mqttConfig(broker, { command_role: 'viewer' }) });
  await watcher.waitForText('auxio/auxio/relay/1/state', 'OFF');
});

after(async () => {
  await server?.stop();
  await watcher?.close();
  await broker?.close();
});

test('the relay is offered read-only, as a binary_sensor', async () => {
  const retained = await retainedMessages(broker.url, 'homeassistant/#');
  assert.equal(retained.has('homeassistant/switch/auxio_relay1/config'), false);
  const relay = JSON.parse(retained.get('homeassistant/binary_sensor/auxio_relay1/config')!.text);
  assert.deepEqual([relay.state_topic, relay.default_entity_id, 'command_topic' in relay], ['auxio/auxio/relay/1/state', 'binary_sensor.auxio_relay1', false]);
});

test('a relay command over MQTT changes nothing', async () => {
  const { lastSeq } = (await api(server.url, '/api/v1/status')).body;
  await watcher.publish('auxio/auxio/relay/1/set', 'ON');
  // Nothing to wait for when nothing happens: give a wrongly taken command ample time to show.
  await sleep(300);
  const { body } = await api(server.url, `/api/v1/events?since=${lastSeq}&channel=output1`);
  assert.deepEqual(body.events, []);
  assert.equal((await api(server.url, '/api/v1/outputs/1')).body.active, false);
});
