import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { startServer, tempDir, type RunningServer } from '../support/server.ts';
import { api } from '../support/api.ts';
import { startBroker, type Broker } from '../support/mosquitto.ts';
import { retainedMessages } from '../support/mqtt-watcher.ts';
import { mqttConfig } from '../support/mqtt-config.ts';
import { vapixJson } from '../support/vapix.ts';
import { pollUntil } from '../support/local-port.ts';

const PREFIX = 'axis/AUXIOTEST01';
let broker: Broker;
let server: RunningServer;
const dataDir = tempDir();
// The relay restores its state at start-up, so a restart changes no port.
const config = () => mqttConfig(broker, {}, { device: { serial_number: 'ACCC8E000001' }, io: { outputs: [{ startup: 'restore' }] } });

const call = (path: string, method: string, params?: object) =>
  vapixJson(server.url, path, { apiVersion: '1.0', context: 'test', method, ...(params ? { params } : {}) });

async function eventsUnderPrefix(): Promise<Map<string, string>> {
  const seen = await retainedMessages(broker.url, `${PREFIX}/#`, 300);
  return new Map([...seen].map(([topic, m]) => [topic, m.text]));
}

before(async () => {
  broker = await startBroker();
  server = await startServer({ dataDir, config: config() });
});
after(async () => {
  await server?.stop();
  await broker?.close();
});

test('inactive at first: getClientStatus says so, nothing is under the prefix, mqtt-client is not listed', async () => {
  await call('/axis-cgi/mqtt/client.cgi', 'configureClient', { deviceTopicPrefix: PREFIX });
  const status = await pollUntil(() => call('/axis-cgi/mqtt/client.cgi', 'getClientStatus'), (s) => s.json.data.status.connectionStatus === 'connected');
  assert.equal(status.json.method, 'getClientStatus');
  assert.deepEqual(status.json.data.status, { state: 'inactive', connectionStatus: 'connected' });
  assert.equal(status.json.data.config.server.host, '127.0.0.1');
  assert.equal(status.json.data.config.server.protocol, 'tcp');
  assert.equal(status.json.data.config.deviceTopicPrefix, PREFIX);
  const list = await call('/axis-cgi/apidiscovery.cgi', 'getApiList');
  assert.ok(!list.json.data.apiList.some((a: { id: string }) => a.id === 'mqtt-client'));
  assert.equal((await eventsUnderPrefix()).size, 0);
});

test('a prefix inside auxio\'s own topics is refused', async () => {
  const refused = await call('/axis-cgi/mqtt/client.cgi', 'configureClient', { deviceTopicPrefix: 'homeassistant/x' });
  assert.equal(refused.json.error.code, 2104);
});

const EXPECTED_TOPICS = [
  `${PREFIX}/event/onvif:Device/axis:IO/Port/0`,
  `${PREFIX}/event/onvif:Device/axis:IO/Port/1`,
  `${PREFIX}/event/onvif:Device/Trigger/Relay/2`,
];

test('active: every port retained in Axis format, changes follow, and nothing else is there', async () => {
  assert.deepEqual((await call('/axis-cgi/mqtt/client.cgi', 'activateClient')).json.data, {});
  await api(server.url, '/api/v1/sim/inputs/1', { method: 'POST', body: { level: 1 } });
  await api(server.url, '/io/relayon.txt');
  const events = await pollUntil(eventsUnderPrefix, (m) => m.get(EXPECTED_TOPICS[2]!)?.includes('"active"') ?? false);
  assert.deepEqual([...events.keys()].sort(), [...EXPECTED_TOPICS].sort());
  const port0 = JSON.parse(events.get(EXPECTED_TOPICS[0]!)!);
  assert.deepEqual(Object.keys(port0), ['timestamp', 'topic', 'message']);
  assert.equal(port0.topic, 'onvif:Device/axis:IO/Port');
  assert.deepEqual(port0.message, { source: { port: '0' }, key: {}, data: { state: '1' } });
  assert.deepEqual(JSON.parse(events.get(EXPECTED_TOPICS[2]!)!).message, { source: { RelayToken: '2' }, key: {}, data: { LogicalState: 'active' } });
  const list = await call('/axis-cgi/apidiscovery.cgi', 'getApiList');
  assert.ok(list.json.data.apiList.some((a: { id: string }) => a.id === 'mqtt-client'), 'listed while active and connected');
});

test('the retained events are the same bytes after a restart of auxio and after a restart of the broker', async () => {
  // The simulator's pins start low, as a closed door would: put input 1 there first.
  await api(server.url, '/api/v1/sim/inputs/1', { method: 'POST', body: { level: 0 } });
  const before = await pollUntil(eventsUnderPrefix, (m) => m.get(EXPECTED_TOPICS[0]!)?.includes('"state":"0"') ?? false);
  await server.stop();
  server = await startServer({ dataDir, config: config() });
  const afterAuxio = await pollUntil(eventsUnderPrefix, (m) => m.size === 3);
  assert.deepEqual(afterAuxio, before);

  await broker.stop();
  await broker.start(); // no persistence: the broker forgot every retained message
  const afterBroker = await pollUntil(eventsUnderPrefix, (m) => m.size === 3, 10_000);
  assert.deepEqual(afterBroker, before);
});

test('deactivated: the status says so and no new events are published', async () => {
  await call('/axis-cgi/mqtt/client.cgi', 'deactivateClient');
  const status = await call('/axis-cgi/mqtt/client.cgi', 'getClientStatus');
  assert.equal(status.json.data.status.state, 'inactive');
  const before = await eventsUnderPrefix();
  await api(server.url, '/io/relayoff.txt');
  await sleep(300);
  assert.deepEqual(await eventsUnderPrefix(), before);
});

test('event.cgi sets and reports the publication config; only admins may use the MQTT CGIs', async () => {
  const set = await call('/axis-cgi/mqtt/event.cgi', 'configureEventPublication', {
    eventFilterList: [{ topicFilter: 'onvif:Device/axis:IO//.', qos: 1, retain: 'all' }],
  });
  assert.deepEqual(set.json.data, {});
  const got = await call('/axis-cgi/mqtt/event.cgi', 'getEventPublicationConfig');
  assert.deepEqual(Object.keys(got.json.data.eventPublicationConfig).sort(), [
    'appendEventTopic', 'customTopicPrefix', 'eventFilterList', 'includeSerialNumberInPayload', 'includeTopicNamespaces', 'topicPrefix',
  ]);
  assert.deepEqual(got.json.data.eventPublicationConfig.eventFilterList, [{ topicFilter: 'onvif:Device/axis:IO//.', qos: 1, retain: 'all' }]);
  await api(server.url, '/api/v1/users/vic', { method: 'PUT', body: { password: 'viewer-pw', role: 'viewer' } });
  const viewer = await vapixJson(server.url, '/axis-cgi/mqtt/client.cgi', { apiVersion: '1.0', context: 'x', method: 'getClientStatus' }, 'vic:viewer-pw');
  assert.equal(viewer.status, 403);
});
