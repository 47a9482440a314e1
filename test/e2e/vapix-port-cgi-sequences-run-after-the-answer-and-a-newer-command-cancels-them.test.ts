// port.cgi sequences (docs/vapix.md §1.1): `3:/300\500/300\` is two 300 ms pulses 500 ms apart and
// `3:1000/` waits a second first (the waits here are longer, so a loaded machine cannot blur them). The answer does not wait for the sequence; each "on, N ms, off"
// runs as a journaled timed pulse; a newer command on the relay, from VAPIX or anywhere else,
// cancels what is left.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { startServer, type RunningServer } from '../support/server.ts';
import { hasPulseDeadline, outputChanges, relayActive, vapixGet, type OutputChange } from '../support/vapix.ts';

let server: RunningServer;

before(async () => {
  server = await startServer();
});

after(async () => {
  await server?.stop();
});

async function portCgi(query: string): Promise<void> {
  const res = await vapixGet(server.url, `/axis-cgi/io/port.cgi?${query}`);
  assert.equal(res.status, 200, res.body);
  assert.equal(res.body, '');
}

/** The journal's relay changes after `seen` entries, once `count` of them exist (or the time is up). */
async function newChanges(seen: number, count: number, ms = 3000): Promise<OutputChange[]> {
  const deadline = Date.now() + ms;
  for (;;) {
    const fresh = (await outputChanges(server.url)).slice(seen);
    if (fresh.length >= count || Date.now() > deadline) return fresh;
    await sleep(25);
  }
}

const near = (actual: number, expected: number, slack = 250) =>
  assert.ok(Math.abs(actual - expected) <= slack, `${actual} ms is not within ${slack} ms of ${expected} ms`);

test('3:/300\\3000/300\\ answers at once, then runs two journaled 300 ms pulses 3 s apart', async () => {
  const seen = (await outputChanges(server.url)).length;
  await portCgi('action=3%3A%2F300%5C3000%2F300%5C');
  const answeredAt = Date.now();
  const [on1, off1, on2, off2, extra] = await newChanges(seen, 5, 6000);
  assert.deepEqual(
    [on1, off1, on2, off2].map((c) => [c?.actor, c?.active]),
    [
      ['vapix:root', true],
      ['pulse', false],
      ['vapix:root', true],
      ['pulse', false],
    ],
  );
  assert.equal(extra, undefined);
  // The answer did not wait for the sequence: it came before the second pulse began.
  assert.ok(answeredAt < on2!.time, `answered ${answeredAt - on1!.time} ms after the first switch`);
  // Each "on" carries its deadline: a restart would still end the pulse on time.
  assert.ok(hasPulseDeadline(on1, 300), JSON.stringify(on1));
  assert.ok(hasPulseDeadline(on2, 300), JSON.stringify(on2));
  near(off1!.time - on1!.time, 300);
  near(on2!.time - on1!.time, 3300);
  near(off2!.time - on2!.time, 300);
});

test('3:1500/ waits 1.5 s before switching the relay on', async () => {
  const seen = (await outputChanges(server.url)).length;
  const asked = Date.now();
  await portCgi('action=3:1500/');
  const [on] = await newChanges(seen, 1, 4000);
  assert.deepEqual([on?.actor, on?.active], ['vapix:root', true]);
  assert.ok(on!.time - asked >= 1500, `switched ${on!.time - asked} ms after the request`);
  near(on!.time - asked, 1500, 1000);
  await portCgi('action=3%3A%5C');
});

test('a newer VAPIX command on the relay cancels the rest of a running sequence', async () => {
  const seen = (await outputChanges(server.url)).length;
  await portCgi('action=3%3A%2F1000%5C1000%2F');
  await portCgi('action=3%3A%5C');
  await sleep(2500);
  assert.equal(await relayActive(server.url), false);
  // On, then off by the newer command (or by the pulse's end on a machine too slow to beat it);
  // never the sequence's second "on" at 2 s.
  const changes = (await newChanges(seen, 0)).map((c) => [c.actor, c.active]);
  assert.deepEqual(changes[0], ['vapix:root', true]);
  assert.equal(changes[1]![1], false);
  assert.equal(changes.length, 2, JSON.stringify(changes));
});

test('a relay command from relayon.txt / relayoff.txt cancels it too', async () => {
  const seen = (await outputChanges(server.url)).length;
  await portCgi('action=3:1500/');
  assert.equal((await vapixGet(server.url, '/io/relayon.txt')).body, 'Relay is On');
  assert.equal((await vapixGet(server.url, '/io/relayoff.txt')).body, 'Relay is Off');
  await sleep(2000);
  assert.equal(await relayActive(server.url), false);
  const changes = (await newChanges(seen, 0)).map((c) => [c.actor, c.active]);
  // relayoff.txt has the last word: the sequence's "on" at 1.5 s never came after it.
  assert.deepEqual(changes.at(-1), ['http:root', false], JSON.stringify(changes));
});
