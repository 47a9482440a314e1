// auxio keeps working while the broker is away, and when it is back (here with its retained
// messages lost) auxio reconnects on its own and publishes configs and the current state.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, type RunningServer } from '../support/server.ts';
import { api } from '../support/api.ts';
import { startBroker, type Broker } from '../support/mosquitto.ts';
import { MqttWatcher, retainedMessages } from '../support/mqtt-watcher.ts';
import { mqttConfig } from '../support/mqtt-config.ts';

let broker: Broker;
let server: RunningServer;

before(async () => {
  broker = await startBroker();
  const watcher = await MqttWatcher.connect(broker.url);
  await watcher.subscribe('auxio/#');
  server = await startServer({ config: mqttConfig(broker) });
  await watcher.waitForText('auxio/auxio/relay/1/state', 'OFF');
  await watcher.close();
});

after(async () => {
  await server?.stop();
  await broker?.close();
});

test('changes made while the broker is down are published when it is back', async () => {
  await broker.stop();
  // auxio answers as ever while the broker is gone.
  assert.equal((await api(server.url, '/api/v1/outputs/1', { method: 'PUT', body: { active: true } })).status, 200);
  assert.equal((await api(server.url, '/api/v1/sim/inputs/2', { method: 'POST', body: { pulses: 3 } })).body.pulses, 3);
  await broker.start();
  // The broker kept nothing (no persistence): what it holds now, auxio published after reconnecting.
  const watcher = await MqttWatcher.connect(broker.url);
  try {
    await watcher.subscribe('#');
    await watcher.waitFor((m) => m.topic === 'auxio/auxio/relay/1/state' && m.text === 'ON' && m.retain, { timeoutMs: 5000 });
  } finally {
    await watcher.close();
  }
  const retained = await retainedMessages(broker.url, '#');
  assert.deepEqual(
    ['auxio/auxio/availability', 'auxio/auxio/relay/1/state', 'auxio/auxio/input/2/pulses', 'auxio/auxio/input/2/state'].map((t) => retained.get(t)?.text),
    ['online', 'ON', '3', 'OFF'],
  );
  assert.ok(retained.has('homeassistant/switch/auxio_relay1/config'), 'configs are published again');
  assert.ok(server.logs.some((l) => String(l.msg).startsWith('MQTT disconnected')), 'the loss is logged');
});
