// DESIGN.md "Availability: a retained online on connect and a retained offline last will": a stop
// says offline itself; after kill -9 the broker says it for auxio.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, type RunningServer } from '../support/server.ts';
import { startBroker, type Broker } from '../support/mosquitto.ts';
import { MqttWatcher, retainedMessages } from '../support/mqtt-watcher.ts';
import { mqttConfig } from '../support/mqtt-config.ts';

const AVAILABILITY = 'auxio/auxio/availability';

let broker: Broker;
let watcher: MqttWatcher;
let server: RunningServer | undefined;

before(async () => {
  broker = await startBroker();
  watcher = await MqttWatcher.connect(broker.url);
  await watcher.subscribe(AVAILABILITY);
});

after(async () => {
  await server?.stop();
  await watcher?.close();
  await broker?.close();
});

test('a stopped auxio says offline, retained, before it disconnects', async () => {
  server = await startServer({ config: mqttConfig(broker) });
  await watcher.waitForText(AVAILABILITY, 'online');
  const from = watcher.mark();
  await server.stop();
  assert.equal((await watcher.waitForText(AVAILABILITY, 'offline', { from })).retain, true);
  assert.equal((await retainedMessages(broker.url, AVAILABILITY)).get(AVAILABILITY)?.text, 'offline');
});

test('a killed auxio is reported offline by its last will', async () => {
  const dataDir = server!.dataDir;
  let from = watcher.mark();
  server = await startServer({ dataDir, config: mqttConfig(broker) });
  await watcher.waitForText(AVAILABILITY, 'online', { from });
  from = watcher.mark();
  await server.kill();
  assert.equal((await watcher.waitForText(AVAILABILITY, 'offline', { from })).retain, true);
  assert.equal((await retainedMessages(broker.url, AVAILABILITY)).get(AVAILABILITY)?.text, 'offline');
});
