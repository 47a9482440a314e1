// DESIGN.md: "Subscribe to homeassistant/status; on online, republish the configs, then the current
// states." Home Assistant sends its birth message after a restart, when retained configs may be gone.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, type RunningServer } from '../support/server.ts';
import { api } from '../support/api.ts';
import { startBroker, type Broker } from '../support/mosquitto.ts';
import { MqttWatcher } from '../support/mqtt-watcher.ts';
import { mqttConfig } from '../support/mqtt-config.ts';

let broker: Broker;
let server: RunningServer;
let watcher: MqttWatcher;

before(async () => {
  broker = await startBroker();
  watcher = await MqttWatcher.connect(broker.url);
  await watcher.subscribe('#');
  server = await startServer({ config: mqttConfig(broker) });
  await watcher.waitForText('auxio/auxio/relay/1/state', 'OFF');
});

after(async () => {
  await server?.stop();
  await watcher?.close();
  await broker?.close();
});

test('homeassistant/status online republishes every config, then every current state', async () => {
  assert.equal((await api(server.url, '/api/v1/outputs/1', { method: 'PUT', body: { active: true } })).status, 200);
  await watcher.waitForText('auxio/auxio/relay/1/state', 'ON');
  const from = watcher.mark();
  await watcher.publish('homeassistant/status', 'online');
  await watcher.waitForText('auxio/auxio/relay/1/state', 'ON', { from });
  const topics = watcher.messages.slice(from).map((m) => m.topic);
  const configs = topics.filter((t) => t.startsWith('homeassistant/') && t.endsWith('/config'));
  assert.deepEqual(configs, [
    'homeassistant/switch/auxio_relay1/config',
    'homeassistant/binary_sensor/auxio_input1/config',
    'homeassistant/sensor/auxio_input1_pulses/config',
    'homeassistant/event/auxio_input1_edge/config',
    'homeassistant/binary_sensor/auxio_input2/config',
    'homeassistant/sensor/auxio_input2_pulses/config',
    'homeassistant/event/auxio_input2_edge/config',
    'homeassistant/image/auxio_snapshot/config',
  ]);
  const states = ['auxio/auxio/input/1/state', 'auxio/auxio/input/1/pulses', 'auxio/auxio/input/2/state', 'auxio/auxio/input/2/pulses', 'auxio/auxio/relay/1/state'];
  assert.deepEqual(topics.filter((t) => states.includes(t)), states);
  assert.ok(topics.lastIndexOf(configs.at(-1)!) < topics.indexOf(states[0]!), 'configs first, then states');
});

test('any other status payload republishes nothing', async () => {
  const from = watcher.mark();
  await watcher.publish('homeassistant/status', 'offline');
  // A marker through auxio: a relay change is published after the status message was handled.
  assert.equal((await api(server.url, '/api/v1/outputs/1', { method: 'PUT', body: { active: false } })).status, 200);
  await watcher.waitForText('auxio/auxio/relay/1/state', 'OFF', { from });
  assert.deepEqual(watcher.messages.slice(from).map((m) => m.topic), ['homeassistant/status', 'auxio/auxio/relay/1/state']);
});
