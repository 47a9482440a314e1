// DESIGN.md "Home Assistant MQTT discovery": retained configs under homeassistant/<component>/<object_id>/config,
// each with unique_id, default_entity_id (never object_id), one device, an origin and the availability
// topic; a retained `online`; the states after the configs; buttons that follow the script entries.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api } from '../support/api.ts';
import { retainedMessages } from '../support/mqtt-watcher.ts';
import { PUBLIC_URL } from '../support/mqtt-config.ts';
import { auxioOnBroker } from '../support/mqtt-rig.ts';

const rig = auxioOnBroker({ subscribe: '#', mqtt: { home_assistant: { device_name: 'Gate box' } }, rest: { io: { inputs: [{ name: 'Front door', device_class: 'door' }, {}] } } });

test('availability is a retained online', async () => {
  const retained = await retainedMessages(rig.broker.url, 'auxio/#');
  assert.equal(retained.get('auxio/auxio/availability')?.text, 'online');
});

test('every entity has a retained config; the relay\'s is exactly what Home Assistant reads', async () => {
  const retained = await retainedMessages(rig.broker.url, 'homeassistant/#');
  assert.deepEqual([...retained.keys()].sort(), [
    'homeassistant/binary_sensor/auxio_input1/config',
    'homeassistant/binary_sensor/auxio_input2/config',
    'homeassistant/event/auxio_input1_edge/config',
    'homeassistant/event/auxio_input2_edge/config',
    'homeassistant/image/auxio_snapshot/config',
    'homeassistant/sensor/auxio_input1_pulses/config',
    'homeassistant/sensor/auxio_input2_pulses/config',
    'homeassistant/switch/auxio_relay1/config',
  ]);
  const { version } = (await api(rig.server.url, '/api/v1/status')).body;
  const device = { identifiers: ['auxio'], name: 'Gate box', manufacturer: 'auxio', model: 'auxio I/O server', sw_version: version, configuration_url: PUBLIC_URL };
  const origin = { name: 'auxio', sw_version: version };
  assert.deepEqual(JSON.parse(retained.get('homeassistant/switch/auxio_relay1/config')!.text), {
    name: 'Relay 1',
    unique_id: 'auxio_relay1',
    default_entity_id: 'switch.auxio_relay1',
    device,
    origin,
    availability_topic: 'auxio/auxio/availability',
    command_topic: 'auxio/auxio/relay/1/set',
    state_topic: 'auxio/auxio/relay/1/state',
    payload_on: 'ON',
    payload_off: 'OFF',
    retain: false,
    qos: 1,
  });
  for (const [topic, message] of retained) {
    const config = JSON.parse(message.text);
    const [, component, objectId] = topic.split('/');
    assert.equal(config.unique_id, objectId, topic);
    assert.equal(config.default_entity_id, `${component}.${objectId}`, topic);
    assert.equal('object_id' in config, false, topic);
    assert.deepEqual([config.device, config.origin, config.availability_topic], [device, origin, 'auxio/auxio/availability'], topic);
  }
  const door = JSON.parse(retained.get('homeassistant/binary_sensor/auxio_input1/config')!.text);
  assert.deepEqual([door.name, door.device_class, door.state_topic], ['Front door', 'door', 'auxio/auxio/input/1/state']);
  assert.equal('device_class' in JSON.parse(retained.get('homeassistant/binary_sensor/auxio_input2/config')!.text), false);
  const pulses = JSON.parse(retained.get('homeassistant/sensor/auxio_input1_pulses/config')!.text);
  assert.deepEqual([pulses.state_class, pulses.state_topic], ['total_increasing', 'auxio/auxio/input/1/pulses']);
  const edge = JSON.parse(retained.get('homeassistant/event/auxio_input1_edge/config')!.text);
  assert.deepEqual([edge.event_types, edge.state_topic], [['rising', 'falling'], 'auxio/auxio/input/1/event']);
  const image = JSON.parse(retained.get('homeassistant/image/auxio_snapshot/config')!.text);
  assert.deepEqual([image.image_topic, image.content_type], ['auxio/auxio/snapshot/image', 'image/jpeg']);
});

test('the states are retained and come after the configs', async () => {
  const retained = await retainedMessages(rig.broker.url, 'auxio/#');
  assert.deepEqual(
    ['auxio/auxio/input/1/state', 'auxio/auxio/input/1/pulses', 'auxio/auxio/input/2/state', 'auxio/auxio/input/2/pulses', 'auxio/auxio/relay/1/state'].map(
      (t) => retained.get(t)?.text,
    ),
    ['OFF', '0', 'OFF', '0', 'OFF'],
  );
  const order = rig.watcher.messages.map((m) => m.topic);
  const lastConfig = order.findLastIndex((t) => t.startsWith('homeassistant/'));
  const firstState = order.findIndex((t) => t.startsWith('auxio/auxio/input/') || t.startsWith('auxio/auxio/relay/'));
  assert.ok(lastConfig >= 0 && lastConfig < firstState, `configs end at ${lastConfig}, states start at ${firstState}`);
});

test('script entries become buttons, and a removed entry\'s button is removed with an empty retained config', async () => {
  const two = '0 3 * * * :\nlog nightly;\n%\n0 4 * * * :\nlog early;\n%\n';
  const from = rig.watcher.mark();
  assert.equal((await api(rig.server.url, '/api/v1/script', { method: 'PUT', body: { text: two } })).status, 200);
  const button2 = await rig.watcher.waitFor((m) => m.topic === 'homeassistant/button/auxio_script2/config' && m.text !== '', { from });
  assert.deepEqual(
    (({ name, command_topic, payload_press, retain, default_entity_id }) => ({ name, command_topic, payload_press, retain, default_entity_id }))(JSON.parse(button2.text)),
    { name: 'Run script entry 2', command_topic: 'auxio/auxio/script/2/run', payload_press: 'PRESS', retain: false, default_entity_id: 'button.auxio_script2' },
  );
  const again = rig.watcher.mark();
  assert.equal((await api(rig.server.url, '/api/v1/script', { method: 'PUT', body: { text: '0 3 * * * :\nlog nightly;\n%\n' } })).status, 200);
  const removed = await rig.watcher.waitFor((m) => m.topic === 'homeassistant/button/auxio_script2/config', { from: again });
  assert.deepEqual([removed.text, removed.retain], ['', true]);
  const retained = await retainedMessages(rig.broker.url, 'homeassistant/button/#');
  assert.deepEqual([...retained.keys()], ['homeassistant/button/auxio_script1/config']);
});
