import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  discoveryContext,
  discoveryEntries,
  discoveryTopic,
  inputBinarySensor,
  inputEdgeEvent,
  inputPulseSensor,
  relayBinarySensor,
  relaySwitch,
  scriptButton,
  snapshotImage,
} from './discovery.ts';
import { deviceTopics } from './topics.ts';

const ctx = discoveryContext(
  { prefix: 'homeassistant', deviceId: 'auxio', deviceName: 'Gate box', version: '0.1.0', configurationUrl: 'http://gate.lan:8080', supportUrl: 'https://example.org/auxio' },
  deviceTopics('auxio', 'auxio'),
);

const device = {
  identifiers: ['auxio'],
  name: 'Gate box',
  manufacturer: 'auxio',
  model: 'auxio I/O server',
  sw_version: '0.1.0',
  configuration_url: 'http://gate.lan:8080',
};
const origin = { name: 'auxio', sw_version: '0.1.0', support_url: 'https://example.org/auxio' };

/** What Home Assistant reads: the JSON text, parsed back. */
const wire = (entry: { config: object }): unknown => JSON.parse(JSON.stringify(entry.config));

test('a relay is a switch with command and state topics, ON/OFF, never retained commands', () => {
  const entry = relaySwitch(ctx, { index: 1, name: 'Relay 1' });
  assert.equal(discoveryTopic(ctx, entry), 'homeassistant/switch/auxio_relay1/config');
  assert.deepEqual(wire(entry), {
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
});

test('a read-only relay is a binary_sensor on the same state topic', () => {
  const entry = relayBinarySensor(ctx, { index: 2, name: 'Lamp' });
  assert.equal(discoveryTopic(ctx, entry), 'homeassistant/binary_sensor/auxio_relay2/config');
  assert.deepEqual(wire(entry), {
    name: 'Lamp',
    unique_id: 'auxio_relay2',
    default_entity_id: 'binary_sensor.auxio_relay2',
    device,
    origin,
    availability_topic: 'auxio/auxio/availability',
    state_topic: 'auxio/auxio/relay/2/state',
    payload_on: 'ON',
    payload_off: 'OFF',
    qos: 1,
  });
});

test('an input is a binary_sensor, with the device_class its config names', () => {
  const door = inputBinarySensor(ctx, { index: 1, name: 'Front door' }, 'door');
  assert.equal(discoveryTopic(ctx, door), 'homeassistant/binary_sensor/auxio_input1/config');
  assert.deepEqual(wire(door), {
    name: 'Front door',
    unique_id: 'auxio_input1',
    default_entity_id: 'binary_sensor.auxio_input1',
    device,
    origin,
    availability_topic: 'auxio/auxio/availability',
    state_topic: 'auxio/auxio/input/1/state',
    payload_on: 'ON',
    payload_off: 'OFF',
    qos: 1,
    device_class: 'door',
  });
  assert.equal('device_class' in (wire(inputBinarySensor(ctx, { index: 2, name: 'Input 2' })) as object), false);
});

test('an input\'s pulse total is a total_increasing sensor', () => {
  const entry = inputPulseSensor(ctx, { index: 2, name: 'Input 2' });
  assert.equal(discoveryTopic(ctx, entry), 'homeassistant/sensor/auxio_input2_pulses/config');
  assert.deepEqual(wire(entry), {
    name: 'Input 2 pulses',
    unique_id: 'auxio_input2_pulses',
    default_entity_id: 'sensor.auxio_input2_pulses',
    device,
    origin,
    availability_topic: 'auxio/auxio/availability',
    state_topic: 'auxio/auxio/input/2/pulses',
    state_class: 'total_increasing',
    qos: 1,
  });
});

test('an input\'s edges are an event entity with rising and falling', () => {
  const entry = inputEdgeEvent(ctx, { index: 1, name: 'Input 1' });
  assert.equal(discoveryTopic(ctx, entry), 'homeassistant/event/auxio_input1_edge/config');
  assert.deepEqual(wire(entry), {
    name: 'Input 1 edge',
    unique_id: 'auxio_input1_edge',
    default_entity_id: 'event.auxio_input1_edge',
    device,
    origin,
    availability_topic: 'auxio/auxio/availability',
    state_topic: 'auxio/auxio/input/1/event',
    event_types: ['rising', 'falling'],
    qos: 1,
  });
});

test('the latest picture is an image entity fed JPEG bytes', () => {
  const entry = snapshotImage(ctx);
  assert.equal(discoveryTopic(ctx, entry), 'homeassistant/image/auxio_snapshot/config');
  assert.deepEqual(wire(entry), {
    name: 'Latest snapshot',
    unique_id: 'auxio_snapshot',
    default_entity_id: 'image.auxio_snapshot',
    device,
    origin,
    availability_topic: 'auxio/auxio/availability',
    image_topic: 'auxio/auxio/snapshot/image',
    content_type: 'image/jpeg',
  });
});

test('a script entry is a button that presses PRESS', () => {
  const entry = scriptButton(ctx, 3);
  assert.equal(discoveryTopic(ctx, entry), 'homeassistant/button/auxio_script3/config');
  assert.deepEqual(wire(entry), {
    name: 'Run script entry 3',
    unique_id: 'auxio_script3',
    default_entity_id: 'button.auxio_script3',
    device,
    origin,
    availability_topic: 'auxio/auxio/availability',
    command_topic: 'auxio/auxio/script/3/run',
    payload_press: 'PRESS',
    retain: false,
    qos: 1,
  });
});

test('no config ever carries the deprecated object_id', () => {
  const all = discoveryEntries(ctx, {
    inputs: [{ index: 1, name: 'Input 1' }], relays: [{ index: 1, name: 'Relay 1' }], scriptEntries: 1, snapshotImage: true, commands: true,
  });
  for (const entry of all) assert.equal('object_id' in entry.config, false, entry.objectId);
});

test('without a public_url or support url, the device and origin leave those keys out', () => {
  const bare = discoveryContext({ prefix: 'ha', deviceId: 'gate_2', deviceName: 'auxio', version: '1.2.3' }, deviceTopics('auxio', 'gate_2'));
  assert.deepEqual(wire(relaySwitch(bare, { index: 1, name: 'Relay 1' })), {
    name: 'Relay 1',
    unique_id: 'gate_2_relay1',
    default_entity_id: 'switch.gate_2_relay1',
    device: { identifiers: ['gate_2'], name: 'auxio', manufacturer: 'auxio', model: 'auxio I/O server', sw_version: '1.2.3' },
    origin: { name: 'auxio', sw_version: '1.2.3' },
    availability_topic: 'auxio/gate_2/availability',
    command_topic: 'auxio/gate_2/relay/1/set',
    state_topic: 'auxio/gate_2/relay/1/state',
    payload_on: 'ON',
    payload_off: 'OFF',
    retain: false,
    qos: 1,
  });
  assert.equal(discoveryTopic(bare, relaySwitch(bare, { index: 1, name: 'x' })), 'ha/switch/gate_2_relay1/config');
});

test('the inventory maps to relays, then per input a binary_sensor, sensor and event, the image, the buttons', () => {
  const topics = (commands: boolean, snapshot: boolean) =>
    discoveryEntries(ctx, {
      inputs: [{ index: 1, name: 'Input 1', deviceClass: 'window' }, { index: 2, name: 'Input 2' }],
      relays: [{ index: 1, name: 'Relay 1' }],
      scriptEntries: 2,
      snapshotImage: snapshot,
      commands,
    }).map((e) => discoveryTopic(ctx, e));
  assert.deepEqual(topics(true, true), [
    'homeassistant/switch/auxio_relay1/config',
    'homeassistant/binary_sensor/auxio_input1/config',
    'homeassistant/sensor/auxio_input1_pulses/config',
    'homeassistant/event/auxio_input1_edge/config',
    'homeassistant/binary_sensor/auxio_input2/config',
    'homeassistant/sensor/auxio_input2_pulses/config',
    'homeassistant/event/auxio_input2_edge/config',
    'homeassistant/image/auxio_snapshot/config',
    'homeassistant/button/auxio_script1/config',
    'homeassistant/button/auxio_script2/config',
  ]);
  assert.deepEqual(topics(false, false), [
    'homeassistant/binary_sensor/auxio_relay1/config',
    'homeassistant/binary_sensor/auxio_input1/config',
    'homeassistant/sensor/auxio_input1_pulses/config',
    'homeassistant/event/auxio_input1_edge/config',
    'homeassistant/binary_sensor/auxio_input2/config',
    'homeassistant/sensor/auxio_input2_pulses/config',
    'homeassistant/event/auxio_input2_edge/config',
  ]);
});
