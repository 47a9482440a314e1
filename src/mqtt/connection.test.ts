// MqttConnection against a real mosquitto (test/support/mosquitto.ts): availability, the offline
// queue, renewed subscriptions, a clean stop, and a password that never reaches the log.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startBroker, type Broker } from '../../test/support/mosquitto.ts';
import { MqttWatcher, retainedMessages } from '../../test/support/mqtt-watcher.ts';
import { MqttConnection, type MqttConnectionOptions, type MqttMessage } from './connection.ts';
import type { MqttLog } from './log.ts';

let broker: Broker;

before(async () => {
  broker = await startBroker();
});

after(async () => {
  await broker?.close();
});

/** A log that keeps every line, as JSON text. */
function recordingLog(): MqttLog & { lines: string[] } {
  const lines: string[] = [];
  const put = (obj: object, msg: string): void => void lines.push(JSON.stringify({ ...obj, msg }));
  return { lines, debug: put, info: put, warn: put, error: put };
}

let clients = 0;
function connection(over: Partial<MqttConnectionOptions> = {}): MqttConnection {
  const id = `unit_${process.pid}_${++clients}`;
  return new MqttConnection({
    url: broker.url,
    clientId: id,
    availability: { topic: `unit/${id}/availability` },
    reconnect: { minMs: 50, maxMs: 200 },
    ...over,
  });
}

async function connected(conn: MqttConnection): Promise<void> {
  if (conn.isConnected()) return;
  await new Promise<void>((resolve) => {
    const off = conn.on('connected', () => (off(), resolve()));
  });
}

test('a connection says online (retained) on connect and offline (retained) on stop', async () => {
  const conn = connection();
  await conn.start();
  await connected(conn);
  const watcher = await MqttWatcher.connect(broker.url);
  await watcher.subscribe(conn.availabilityTopic);
  await watcher.waitFor((m) => m.text === 'online' && m.retain, { what: 'retained online' });
  await conn.stop();
  await watcher.waitFor((m) => m.text === 'offline' && m.retain, { what: 'retained offline' });
  await watcher.close();
  assert.equal(conn.isConnected(), false);
  assert.equal((await retainedMessages(broker.url, conn.availabilityTopic)).get(conn.availabilityTopic)?.text, 'offline');
});

test('what is published while the broker is away goes out on reconnect: the latest state per topic, all in order', async () => {
  const conn = connection();
  const seen: MqttMessage[] = [];
  conn.subscribe('unitq/#', (m) => seen.push(m));
  await conn.start();
  await connected(conn);
  const disconnected = new Promise<void>((resolve) => conn.on('disconnected', () => resolve()));
  await broker.stop();
  await disconnected;
  assert.equal(conn.isConnected(), false);
  conn.publish('unitq/state', 'ON', { retain: true });
  conn.publish('unitq/event', 'e1');
  conn.publish('unitq/state', 'OFF', { retain: true });
  conn.publish('unitq/event', 'e2');
  assert.deepEqual(conn.queue(), { waiting: 3, dropped: 0 });
  await broker.start();
  await connected(conn);
  // The subscription was renewed before the queue went out, so the connection hears its own messages.
  const deadline = Date.now() + 5000;
  while (seen.length < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  // The ON was replaced by the later OFF, which keeps its place in time.
  assert.deepEqual(seen.map((m) => `${m.topic}=${m.payload}`), ['unitq/event=e1', 'unitq/state=OFF', 'unitq/event=e2']);
  assert.deepEqual(conn.queue(), { waiting: 0, dropped: 0 });
  await conn.stop();
});

test('the queue keeps its bound while the broker is away', async () => {
  const conn = connection({ queueMax: 3 });
  await conn.start();
  await connected(conn);
  const disconnected = new Promise<void>((resolve) => conn.on('disconnected', () => resolve()));
  await broker.stop();
  await disconnected;
  for (let i = 0; i < 10; i++) conn.publish('unitb/event', `e${i}`);
  conn.publish('unitb/state', 'ON', { retain: true });
  assert.deepEqual(conn.queue(), { waiting: 3, dropped: 8 });
  await conn.stop();
  await broker.start();
});

test('an unsubscribed handler hears nothing more; other handlers on the filter still do', async () => {
  const conn = connection();
  const a: string[] = [];
  const b: string[] = [];
  const offA = conn.subscribe('units/+', (m) => a.push(String(m.payload)));
  conn.subscribe('units/+', (m) => b.push(String(m.payload)));
  await conn.start();
  await connected(conn);
  const watcher = await MqttWatcher.connect(broker.url);
  await watcher.publish('units/x', '1');
  while (b.length < 1) await new Promise((r) => setTimeout(r, 10));
  offA();
  await watcher.publish('units/x', '2');
  while (b.length < 2) await new Promise((r) => setTimeout(r, 10));
  assert.deepEqual([a, b], [['1'], ['1', '2']]);
  await watcher.close();
  await conn.stop();
});

test('stop without a broker resolves at once and start never waits for one', async () => {
  const conn = connection({ url: 'mqtt://127.0.0.1:1' });
  const t0 = Date.now();
  await conn.start();
  conn.publish('x/y', 'z', { retain: true });
  await conn.stop();
  assert.ok(Date.now() - t0 < 1000, `took ${Date.now() - t0} ms`);
  assert.equal(conn.isConnected(), false);
});

test('the password reaches the broker but never the log', async () => {
  const secured = await startBroker({ user: { username: 'auxio', password: 's3cret-Pa55' } });
  try {
    const good = recordingLog();
    const conn = connection({ url: secured.url, username: 'auxio', password: 's3cret-Pa55', log: good });
    await conn.start();
    await connected(conn);
    await conn.stop();
    const bad = recordingLog();
    const refused = connection({ url: secured.url, username: 'auxio', password: 'wrong-Pa55word', log: bad });
    await refused.start();
    while (!bad.lines.some((l) => l.includes('unreachable'))) await new Promise((r) => setTimeout(r, 20));
    await refused.stop();
    assert.equal(refused.isConnected(), false);
    const all = [...good.lines, ...bad.lines].join('\n');
    assert.ok(good.lines.some((l) => l.includes('MQTT connected')), all);
    assert.ok(!all.includes('s3cret-Pa55') && !all.includes('wrong-Pa55word'), all);
  } finally {
    await secured.close();
  }
});

test('info() describes the broker without credentials', () => {
  const conn = connection({ url: 'mqtts://broker.lan', username: 'u', password: 'p' });
  assert.deepEqual(conn.info(), { url: 'mqtts://broker.lan', protocol: 'mqtts', host: 'broker.lan', port: 8883, clientId: conn.clientId, connected: false });
  assert.throws(() => connection({ url: 'http://broker.lan' }), TypeError);
});
