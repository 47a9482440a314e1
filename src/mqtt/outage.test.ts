// A broker that is away, in-process: the queue holds what it may and nothing more, however much is
// published (measured on the heap), and the journal hears of the outage once each way.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { freePort } from '../../test/support/local-port.ts';
import { heapAfterGc } from '../../test/support/process-memory.ts';
import { startBroker } from '../../test/support/mosquitto.ts';
import { Journal, type JournalEvent } from '../journal/index.ts';
import { MqttConnection } from './connection.ts';
import { LinkJournal } from './link-journal.ts';

let clients = 0;
function connection(url: string, queueMax: number): MqttConnection {
  const id = `outage_${process.pid}_${++clients}`;
  return new MqttConnection({ url, clientId: id, availability: { topic: `unit/${id}/availability` }, reconnect: { minMs: 50, maxMs: 200 }, queueMax });
}

const connections: MqttConnection[] = [];
after(async () => {
  for (const c of connections) await c.stop();
});

test('100,000 publishes of 1 KB while the broker is unreachable: queue_max wait, the rest are counted, the heap stays flat', async () => {
  const conn = connection(`mqtt://127.0.0.1:${await freePort()}`, 1000);
  connections.push(conn);
  await conn.start();
  // A fresh 1 KB payload each time (a flat string, or a Buffer), as real events are: a queue that
  // kept them all would hold 100 MB.
  const payload = (i: number) => (i % 2 ? String(i).padEnd(1024, 'x') : Buffer.alloc(1024, i & 0xff));
  for (let i = 0; i < 1000; i++) conn.publish('unit/event', payload(i));
  const before = heapAfterGc();
  for (let i = 0; i < 100_000; i++) {
    conn.publish('unit/event', payload(i));
    if (i % 10 === 0) conn.publish(`unit/state/${i % 7}`, `${i}`, { retain: true });
  }
  const growth = heapAfterGc() - before;
  // The 7 retained states stay (each the latest of its topic); events make up the rest.
  assert.deepEqual(conn.queue(), { waiting: 1000, dropped: 1000 + 100_000 - (1000 - 7) });
  assert.ok(growth < 20 * 2 ** 20, `the heap and buffers grew by ${(growth / 2 ** 20).toFixed(1)} MB`);
  assert.equal(conn.isConnected(), false);
});

test('the journal gets one entry when the broker is unreachable at start, and one when it comes, with the drops', async (t) => {
  const broker = await startBroker();
  t.after(() => broker.close());
  await broker.stop();
  const journal = new Journal({ file: ':memory:' });
  t.after(() => journal.close());
  const conn = connection(broker.url, 5);
  connections.push(conn);
  const link = new LinkJournal(conn, journal);
  link.start();
  t.after(() => link.stop());
  let retries = 0;
  conn.on('retrying', () => retries++);
  await conn.start();
  while (retries < 1) await new Promise((r) => setTimeout(r, 20));
  for (let i = 0; i < 12; i++) conn.publish('unit/event', `e${i}`);
  while (retries < 4) await new Promise((r) => setTimeout(r, 20));
  const entries = () => journal.query({ kind: 'mqtt' }).map((e) => (e as JournalEvent<'mqtt'>).data);
  assert.deepEqual(entries(), [{ connected: false, broker: broker.url, reason: entries()[0]!.reason, dropped: 0 }], `${retries} retries`);
  assert.match(String(entries()[0]!.reason), /ECONNREFUSED/);

  await broker.start();
  while (!conn.isConnected()) await new Promise((r) => setTimeout(r, 20));
  assert.deepEqual(entries().slice(1), [{ connected: true, broker: broker.url, reason: null, dropped: 7 }]);
  // A stop is not an outage.
  link.stop();
  await conn.stop();
  assert.equal(entries().length, 2);
});
