// An MQTT broker outage, as the hardening issue asks: retries with back-off (the spacing grows,
// then stays at `reconnect_max_ms`), journal entries for the loss and the return (one each, not
// one per retry), and a bounded queue: of thousands of input events published while the broker is
// away, at most `queue_max` wait, the newest, and the rest are counted as dropped in the journal.
// While mosquitto is down, a plain TCP listener on its port stands in to time each reconnect.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { listenLocal } from '../../src/uploads/net.fixture.ts';
import { DigestClient } from '../support/digest-fetch.ts';
import { allEvents } from '../support/journal-pages.ts';
import { startBroker } from '../support/mosquitto.ts';
import { mqttConfig } from '../support/mqtt-config.ts';
import { MqttWatcher } from '../support/mqtt-watcher.ts';
import { lastSeq } from '../support/script-api.ts';
import { startServer } from '../support/server.ts';

const MIN_MS = 50;
const MAX_MS = 800;
const QUEUE_MAX = 200;
const PULSES = 2000;
const JSON_TYPE = { 'content-type': 'application/json' };

/**
 * Listens on the broker's port while the broker is away: notes when each connect comes, and
 * hangs up at once, or (once `hold` is set) keeps the connection open and silent.
 */
async function standIn(port: number) {
  const accepts: number[] = [];
  const held: Socket[] = [];
  let hold = false;
  const server = createServer((socket) => {
    accepts.push(Date.now());
    socket.on('error', () => undefined);
    if (hold) held.push(socket);
    else socket.destroy();
  });
  await listenLocal(server, port);
  return {
    accepts,
    held,
    holdNext: () => (hold = true),
    /** Stops listening at once; a held connection stays open until `release`. */
    stopListening: () => void server.close(),
    release: () => held.splice(0).forEach((s) => s.destroy()),
    close: () => {
      server.close();
      held.splice(0).forEach((s) => s.destroy());
    },
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

test('a broker outage: capped back-off, one journal entry each way, at most queue_max events kept and the rest counted', async (t) => {
  const broker = await startBroker();
  t.after(() => broker.close());
  const server = await startServer({ config: mqttConfig(broker, { reconnect_min_ms: MIN_MS, reconnect_max_ms: MAX_MS, queue_max: QUEUE_MAX }) });
  t.after(() => server.stop());
  const root = new DigestClient(server.url, 'root', 'pass');
  const first = await MqttWatcher.connect(broker.url);
  await first.subscribe('auxio/auxio/availability');
  await first.waitForText('auxio/auxio/availability', 'online');
  await first.close();
  const since = await lastSeq(root);

  // --- The outage: the broker stops; its port answers and hangs up.
  await broker.stop();
  const stand = await standIn(broker.port);
  t.after(() => stand.close());
  for (let sent = 0; sent < PULSES; sent += 500) {
    const res = await root.request('/api/v1/sim/inputs/1', { method: 'POST', body: JSON.stringify({ pulses: 500 }), headers: JSON_TYPE });
    assert.equal(res.status, 200, res.text);
  }
  const floodEnded = Date.now();
  // Capped at MAX_MS, five more come within 4 s; doubling on, they would take a minute.
  while (stand.accepts.filter((at) => at > floodEnded).length < 5 && Date.now() - floodEnded < 8000) await sleep(50);

  // Spacing: [c/2, c] with c doubling from MIN_MS to MAX_MS. Starting small, it grows, and then
  // keeps to the cap (doubling on would give 800, 1600...).
  const gaps = stand.accepts.slice(1).map((at, i) => at - stand.accepts[i]!);
  assert.ok(gaps.every((gap) => gap >= MIN_MS / 2 - 2), `reconnects came ${gaps.join(', ')} ms apart`);
  // The first ones seen are attempt 1 or 2 (one may have been refused before the stand-in listened).
  assert.ok(gaps[0]! < MAX_MS / 2 - 100, `the first reconnects came ${gaps.slice(0, 3).join(', ')} ms apart`);
  const capped = gaps.slice(-4);
  assert.ok(capped.every((gap) => gap >= MAX_MS / 2 - 2) && median(capped) < 1.5 * MAX_MS, `reconnects came ${gaps.join(', ')} ms apart`);

  // One entry for the loss, whatever the number of retries.
  let link = await allEvents(root, 'kind=mqtt', 1000, since);
  assert.equal(link.length, 1, JSON.stringify(link));
  assert.deepEqual({ ...link[0]!.data, reason: null }, { connected: false, broker: broker.url, reason: null, dropped: 0 });
  assert.ok(stand.accepts.length >= 8, `${stand.accepts.length} reconnects`);

  // --- The return, with a subscriber already listening: the next connect is held open while
  // mosquitto starts on the port and the watcher subscribes, then let go.
  stand.holdNext();
  for (let i = 0; stand.held.length === 0; i++) {
    assert.ok(i < 300, 'auxio stopped reconnecting');
    await sleep(10);
  }
  stand.stopListening();
  await broker.start();
  const watcher = await MqttWatcher.connect(broker.url);
  t.after(() => watcher.close());
  await watcher.subscribe('auxio/auxio/input/1/event');
  stand.release();
  for (let i = 0; (link = await allEvents(root, 'kind=mqtt', 1000, since)).length < 2; i++) {
    assert.ok(i < 100, 'auxio did not journal the broker back within 5 s');
    await sleep(50);
  }
  assert.equal(link.length, 2, JSON.stringify(link));
  const back = link[1]!;
  assert.deepEqual({ ...back.data, dropped: 0 }, { connected: true, broker: broker.url, reason: null, dropped: 0 });
  for (let count = -1; count !== watcher.messages.length; ) {
    count = watcher.messages.length;
    await sleep(300);
  }

  // What waited is the newest events, in order; every other one is counted as dropped.
  const edges = (await allEvents(root, 'kind=input', 1000, link[0]!.seq)).filter((e) => e.seq < back.seq);
  assert.equal(edges.length, 2 * PULSES);
  const delivered = watcher.messages.map((m) => (JSON.parse(m.text) as { seq: number }).seq);
  assert.ok(delivered.length <= QUEUE_MAX && delivered.length >= QUEUE_MAX - 10, `${delivered.length} events waited for the broker`);
  assert.deepEqual(delivered, edges.slice(-delivered.length).map((e) => e.seq), 'the events that waited are the newest, in order');
  assert.equal(back.data.dropped, edges.length - delivered.length, 'dropped = events published - events delivered');
  t.diagnostic(`reconnects ${gaps.join(', ')} ms apart; ${delivered.length} events delivered, ${back.data.dropped as number} dropped`);
});
