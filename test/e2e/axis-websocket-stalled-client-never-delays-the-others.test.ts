import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
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

const PULSES = 30_000;

test('a client that stops reading is dropped and journaled; the others get every event', async () => {
  const stalled = await AxisEventClient.withToken(server.url);
  stalled.configure();
  await stalled.until(() => stalled.events.length >= 3);
  stalled.ws.pause(); // stops reading: the server's send buffer for it fills up
  const live = await AxisEventClient.withToken(server.url);
  live.configure();
  await live.until(() => live.events.length >= 3);

  const started = Date.now();
  const train = await api(server.url, '/api/v1/sim/inputs/1', { method: 'POST', body: { pulses: PULSES } });
  assert.equal(train.status, 200);
  const trainMs = Date.now() - started;
  await live.until(() => live.events.length >= 3 + 2 * PULSES, 5000);
  const lag = Date.now() - started - trainMs;
  assert.ok(lag < 2000, `the live client got the last edge ${lag} ms after the train ended`);
  const states = live.events.slice(3).map((e) => e.data.state).join('');
  assert.equal(states, '10'.repeat(PULSES), 'every edge, in order');

  const dropped = await api(server.url, '/api/v1/events?kind=client_dropped');
  assert.equal(dropped.body.events.length, 1);
  assert.equal(dropped.body.events[0].data.transport, 'axis-websocket');
  stalled.close();
  live.close();
});
