// `GET /api/v1/events?since=&limit=` pages through the journal: every entry once, in seq order,
// whatever the page size; `channel`/`kind` filter; `order=desc&before=` pages back.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, type RunningServer } from '../support/server.ts';
import { DigestClient } from '../support/digest-fetch.ts';
import { allEvents, type EventJson } from '../support/journal-pages.ts';

let server: RunningServer;
let root: DigestClient;
let everything: EventJson[];

const JSON_TYPE = { 'content-type': 'application/json' };

before(async () => {
  server = await startServer();
  root = new DigestClient(server.url, 'root', 'pass');
  const steps: Array<[string, string, object]> = [
    ['POST', '/api/v1/sim/inputs/1', { pulses: 20, highMs: 0, lowMs: 0 }],
    ['PUT', '/api/v1/outputs/1', { active: true }],
    ['POST', '/api/v1/sim/inputs/2', { level: 1 }],
    ['PUT', '/api/v1/outputs/1', { active: false }],
  ];
  for (const [method, path, body] of steps) {
    const res = await root.request(path, { method, body: JSON.stringify(body), headers: JSON_TYPE });
    assert.equal(res.status, 200, res.text);
  }
});

after(async () => {
  await server?.stop();
});

async function page(query: string): Promise<{ events: EventJson[]; lastSeq: number }> {
  const res = await root.request(query ? `/api/v1/events?${query}` : '/api/v1/events');
  assert.equal(res.status, 200, res.text);
  return JSON.parse(res.text);
}

test('one big page holds every entry, seq 1..lastSeq without a gap, in order', async () => {
  const all = await page('limit=1000');
  everything = all.events;
  const total = everything.length;
  assert.deepEqual(
    everything.map((e) => e.seq),
    Array.from({ length: total }, (_, i) => i + 1),
  );
  assert.equal(all.lastSeq, total);
  // Besides what start-up wrote: 40 edges on input 1, 1 on input 2, 2 relay switches.
  const count = (f: (e: EventJson) => boolean) => everything.filter(f).length;
  assert.equal(count((e) => e.channel === 'input1'), 40);
  assert.equal(count((e) => e.channel === 'input2'), 1);
  assert.equal(count((e) => e.actor === 'http:root'), 2);
  assert.ok(total >= 45 && total < 100, `${total} entries`);
  assert.deepEqual(
    everything.slice(0, 2).map((e) => [e.kind, e.channel, e.actor]),
    [
      ['output', 'output1', 'startup'],
      ['start', null, null],
    ],
  );
  for (const e of everything) {
    assert.deepEqual(Object.keys(e), ['seq', 'time', 'kind', 'channel', 'actor', 'data']);
    assert.match(e.time, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  }
});

test('the default page is 100 entries; more than 1000 is refused', async () => {
  assert.equal((await page('')).events.length, everything.length);
  const res = await root.request('/api/v1/events?limit=1001');
  assert.equal(res.status, 400);
  assert.equal(JSON.parse(res.text).error.code, 'INVALID_BODY');
});

for (const size of [1, 7, 100]) {
  test(`paging with since= and limit=${size} yields every entry exactly once`, async () => {
    const seen: EventJson[] = [];
    const sizes: number[] = [];
    for (let since = 0; ; ) {
      const { events } = await page(`since=${since}&limit=${size}`);
      sizes.push(events.length);
      seen.push(...events);
      if (events.length < size) break;
      since = events[events.length - 1]!.seq;
    }
    assert.deepEqual(seen, everything);
    assert.ok(sizes.slice(0, -1).every((n) => n === size), `page sizes ${sizes}`);
  });
}

test('since= in the middle starts right after that seq', async () => {
  const { events } = await page('since=30&limit=5');
  assert.deepEqual(
    events.map((e) => e.seq),
    [31, 32, 33, 34, 35],
  );
  assert.deepEqual(events, everything.slice(30, 35));
});

test('channel= and kind= select input1\'s edges, levels alternating and totals rising by one per fall', async () => {
  const edges = await allEvents(root, 'channel=input1&kind=input', 6);
  assert.equal(edges.length, 40);
  edges.forEach((e, i) => {
    const pulses = Math.floor((i + 1) / 2);
    assert.deepEqual([e.kind, e.channel, e.actor, e.data], ['input', 'input1', null, { level: i % 2 === 0 ? 1 : 0, pulses }]);
  });
  assert.deepEqual(
    edges.map((e) => e.seq),
    everything.filter((e) => e.channel === 'input1').map((e) => e.seq),
  );
});

test('order=desc with before= pages back from the newest entry', async () => {
  const seen: number[] = [];
  let before: number | undefined;
  for (;;) {
    const { events } = await page(`order=desc&limit=10${before === undefined ? '' : `&before=${before}`}`);
    seen.push(...events.map((e) => e.seq));
    if (events.length < 10) break;
    before = events[events.length - 1]!.seq;
  }
  assert.deepEqual(
    seen,
    everything.map((e) => e.seq).reverse(),
  );
});
