import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { startServer, type RunningServer } from '../support/server.ts';
import { api } from '../support/api.ts';
import { AxisEventClient } from '../support/axis-ws.ts';

let server: RunningServer;
before(async () => {
  server = await startServer();
});
after(async () => {
  await server.stop();
});

const INITIAL = [
  ['tns1:Device/tnsaxis:IO/Port', { port: '0' }, { state: '0' }],
  ['tns1:Device/tnsaxis:IO/Port', { port: '1' }, { state: '0' }],
  ['tns1:Device/Trigger/Relay', { RelayToken: '2' }, { LogicalState: 'inactive' }],
];

test('configure is answered first, then the state of every port, then one notification per change', async () => {
  const client = await AxisEventClient.withToken(server.url);
  await sleep(100);
  assert.equal(client.frames.length, 0, 'nothing is sent before the client configures');
  client.configure(['//.'], 'my-context');
  await client.until(() => client.events.length >= 3);
  assert.deepEqual(JSON.parse(client.frames[0]!), { apiVersion: '1.0', context: 'my-context', method: 'events:configure', data: {} });
  assert.deepEqual(client.events.map((e) => [e.topic, e.source, e.data]), INITIAL);

  await api(server.url, '/api/v1/sim/inputs/1', { method: 'POST', body: { level: 1 } });
  await client.until(() => client.events.length >= 4);
  assert.deepEqual([client.events[3]!.source, client.events[3]!.data], [{ port: '0' }, { state: '1' }]);

  await api(server.url, '/api/v1/outputs/1', { method: 'PUT', body: { pulseMs: 200 } });
  await client.until(() => client.events.length >= 6);
  assert.deepEqual(client.events.slice(4).map((e) => e.data.LogicalState), ['active', 'inactive'], 'the pulse end is an event too');
  const frame = JSON.parse(client.frames.at(-1)!);
  assert.equal(frame.method, 'events:notify');
  assert.equal(typeof frame.params.notification.timestamp, 'number');
  client.close();
});

test('a relay switched by a script arrives as one notification', async () => {
  const script = '* * * * * /I2 :\nrelay -on;\n%\n';
  const put = await api(server.url, '/api/v1/script', { method: 'PUT', body: { text: script } });
  assert.equal(put.status, 200);
  const client = await AxisEventClient.withToken(server.url);
  client.configure();
  await client.until(() => client.events.length >= 3);
  const before = client.events.length;
  await api(server.url, '/api/v1/sim/inputs/2', { method: 'POST', body: { level: 1 } });
  await client.until(() => client.events.some((e) => e.data.LogicalState === 'active'));
  await sleep(100);
  const changes = client.events.slice(before).map((e) => [e.source, e.data]);
  assert.deepEqual(changes, [
    [{ port: '1' }, { state: '1' }],
    [{ RelayToken: '2' }, { LogicalState: 'active' }],
  ]);
  client.close();
});

test('topic filters are honoured: a relay-only client hears no input', async () => {
  const client = await AxisEventClient.withToken(server.url);
  client.configure(['tns1:Device/Trigger/Relay']);
  await client.until(() => client.events.length >= 1);
  await api(server.url, '/api/v1/sim/inputs/1', { method: 'POST', body: { level: 0 } });
  await api(server.url, '/io/relayoff.txt');
  await client.until(() => client.events.length >= 2);
  await sleep(100);
  assert.ok(client.events.every((e) => e.topic === 'tns1:Device/Trigger/Relay'));
  client.close();
});

test('after a dropped connection a new one gets the full current state again', async () => {
  const first = await AxisEventClient.withToken(server.url);
  first.configure();
  await first.until(() => first.events.length >= 3);
  first.close();
  await api(server.url, '/io/relayon.txt');
  const second = await AxisEventClient.withToken(server.url);
  second.configure();
  await second.until(() => second.events.length >= 3);
  assert.deepEqual(second.events.map((e) => e.source.port ?? e.source.RelayToken), ['0', '1', '2']);
  assert.equal(second.events[2]!.data.LogicalState, 'active');
  second.close();
});
