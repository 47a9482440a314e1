// States over MQTT come from the journal: an input edge gives its retained level, the retained pulse
// total and one non-retained event carrying the journal's seq; a relay change its retained state;
// a stored picture its retained JSON and the JPEG itself for Home Assistant's image entity.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api } from '../support/api.ts';
import { PUBLIC_URL } from '../support/mqtt-config.ts';
import { auxioOnBroker } from '../support/mqtt-rig.ts';

const rig = auxioOnBroker({ subscribe: 'auxio/#' });

async function journal(since: number, channel: string): Promise<Array<{ seq: number; time: string; data: { level: number; pulses: number } }>> {
  const res = await api(rig.server.url, `/api/v1/events?since=${since}&channel=${channel}`);
  assert.equal(res.status, 200);
  return res.body.events;
}

test('an input going high and low publishes level, pulse total and one event per journaled edge', async () => {
  const { lastSeq } = (await api(rig.server.url, '/api/v1/status')).body;
  const from = rig.watcher.mark();
  assert.equal((await api(rig.server.url, '/api/v1/sim/inputs/1', { method: 'POST', body: { level: 1 } })).status, 200);
  assert.equal((await api(rig.server.url, '/api/v1/sim/inputs/1', { method: 'POST', body: { level: 0 } })).status, 200);
  const falling = await rig.watcher.waitFor((m) => m.topic === 'auxio/auxio/input/1/event' && m.text.includes('"falling"'), { from });
  const edges = await journal(lastSeq, 'input1');
  assert.equal(edges.length, 2);
  const events = rig.watcher.on('auxio/auxio/input/1/event', from);
  assert.deepEqual(events.map((m) => [JSON.parse(m.text), m.retain]), [
    [{ event_type: 'rising', seq: edges[0]!.seq, time: edges[0]!.time, level: 1, pulses: 0 }, false],
    [{ event_type: 'falling', seq: edges[1]!.seq, time: edges[1]!.time, level: 0, pulses: 1 }, false],
  ]);
  assert.equal(falling, events[1]);
  assert.deepEqual(rig.watcher.on('auxio/auxio/input/1/state', from).map((m) => [m.text, m.retain]), [['ON', true], ['OFF', true]]);
  assert.deepEqual(rig.watcher.on('auxio/auxio/input/1/pulses', from).map((m) => [m.text, m.retain]), [['1', true]]);
});

test('a pulse train ends with the total the journal holds', async () => {
  const from = rig.watcher.mark();
  const sim = await api(rig.server.url, '/api/v1/sim/inputs/2', { method: 'POST', body: { pulses: 25 } });
  assert.equal(sim.body.pulses, 25);
  await rig.watcher.waitForText('auxio/auxio/input/2/pulses', '25', { from });
  const totals = rig.watcher.on('auxio/auxio/input/2/pulses', from).map((m) => Number(m.text));
  assert.deepEqual(totals, Array.from({ length: 25 }, (_, i) => i + 1), 'each total once, never backwards');
  await rig.watcher.waitFor((m) => m.topic === 'auxio/auxio/input/2/event' && JSON.parse(m.text).pulses === 25 && JSON.parse(m.text).level === 0, { from });
  assert.equal(rig.watcher.on('auxio/auxio/input/2/event', from).length, 50);
});

test('a relay switched over HTTP publishes its retained state', async () => {
  const from = rig.watcher.mark();
  assert.equal((await api(rig.server.url, '/api/v1/outputs/1', { method: 'PUT', body: { active: true } })).status, 200);
  assert.equal((await rig.watcher.waitForText('auxio/auxio/relay/1/state', 'ON', { from })).retain, true);
  assert.equal((await api(rig.server.url, '/api/v1/outputs/1', { method: 'PUT', body: { active: false } })).status, 200);
  await rig.watcher.waitForText('auxio/auxio/relay/1/state', 'OFF', { from });
});

test('a stored picture publishes its retained JSON and the same JPEG bytes HTTP serves', async () => {
  const from = rig.watcher.mark();
  const taken = await api(rig.server.url, '/api/v1/snapshots', { method: 'POST', body: {} });
  assert.equal(taken.status, 201);
  const { id, takenAt } = taken.body;
  const latest = await rig.watcher.waitFor((m) => m.topic === 'auxio/auxio/snapshot/latest', { from });
  assert.equal(latest.retain, true);
  assert.deepEqual(JSON.parse(latest.text), { id, time: takenAt, url: `${PUBLIC_URL}/api/v1/snapshots/${id}.jpg` });
  const image = await rig.watcher.waitFor((m) => m.topic === 'auxio/auxio/snapshot/image', { from });
  const res = await fetch(`${rig.server.url}/api/v1/snapshots/${id}.jpg`, { headers: { authorization: `Basic ${Buffer.from('root:pass').toString('base64')}` } });
  const jpeg = Buffer.from(await res.arrayBuffer());
  assert.equal(image.retain, true);
  assert.ok(image.payload.equals(jpeg), `MQTT ${image.payload.length} bytes, HTTP ${jpeg.length} bytes`);
  assert.deepEqual([...image.payload.subarray(0, 2)], [0xff, 0xd8]);
});
