// DESIGN.md: "Subscribe to homeassistant/status; on online, republish the configs, then the current
// states." Home Assistant sends its birth message after a restart, when retained configs may be gone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api } from '../support/api.ts';
import { auxioOnBroker } from '../support/mqtt-rig.ts';

const rig = auxioOnBroker({ subscribe: '#' });

test('homeassistant/status online republishes every config, then every current state', async () => {
  assert.equal((await api(rig.server.url, '/api/v1/outputs/1', { method: 'PUT', body: { active: true } })).status, 200);
  await rig.watcher.waitForText('auxio/auxio/relay/1/state', 'ON');
  const from = rig.watcher.mark();
  await rig.watcher.publish('homeassistant/status', 'online');
  await rig.watcher.waitForText('auxio/auxio/relay/1/state', 'ON', { from });
  const topics = rig.watcher.messages.slice(from).map((m) => m.topic);
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
  const from = rig.watcher.mark();
  await rig.watcher.publish('homeassistant/status', 'offline');
  // A marker through auxio: a relay change is published after the status message was handled.
  assert.equal((await api(rig.server.url, '/api/v1/outputs/1', { method: 'PUT', body: { active: false } })).status, 200);
  await rig.watcher.waitForText('auxio/auxio/relay/1/state', 'OFF', { from });
  assert.deepEqual(rig.watcher.messages.slice(from).map((m) => m.topic), ['homeassistant/status', 'auxio/auxio/relay/1/state']);
});
