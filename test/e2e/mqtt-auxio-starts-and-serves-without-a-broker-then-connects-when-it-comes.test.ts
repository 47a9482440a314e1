// DESIGN.md: auxio works without a broker. It starts and serves with the broker down, keeps
// retrying with back-off, and connects and publishes once the broker is there.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, type RunningServer } from '../support/server.ts';
import { api } from '../support/api.ts';
import { startBroker, type Broker } from '../support/mosquitto.ts';
import { retainedMessages } from '../support/mqtt-watcher.ts';
import { mqttConfig } from '../support/mqtt-config.ts';

let broker: Broker;
let server: RunningServer;

before(async () => {
  broker = await startBroker();
  await broker.stop();
});

after(async () => {
  await server?.stop();
  await broker?.close();
});

test('auxio starts and switches the relay with no broker, then publishes once the broker starts', async () => {
  server = await startServer({ config: mqttConfig(broker) });
  assert.equal((await api(server.url, '/api/v1/outputs/1', { method: 'PUT', body: { active: true } })).status, 200);
  assert.ok(server.logs.some((l) => String(l.msg).includes('MQTT broker unreachable')), 'the missing broker is logged');
  await broker.start();
  let retained = new Map();
  const deadline = Date.now() + 5000;
  while (retained.get('auxio/auxio/relay/1/state')?.text !== 'ON' && Date.now() < deadline) {
    retained = await retainedMessages(broker.url, 'auxio/#', 100);
  }
  assert.equal(retained.get('auxio/auxio/availability')?.text, 'online');
  assert.equal(retained.get('auxio/auxio/relay/1/state')?.text, 'ON');
});
