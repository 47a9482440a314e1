// input.txt, as the AXIS 200+/240 manuals define it (DESIGN.md): one line per input,
// `input:N current:C last:L time:HH.MM pulse:P`, each read reporting the interval since the
// previous read and starting a new one; `?peek` reports without starting one.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, type RunningServer } from '../support/server.ts';
import { curl } from '../support/curl.ts';
import { DigestClient } from '../support/digest-fetch.ts';
import { hhmmBetween } from '../support/input-txt.ts';

// A zone 5:45 off UTC: HH.MM in UTC (or in any whole-hour zone) would not match, so the test
// proves the server prints its local time. The spawned server inherits this environment.
process.env.TZ = 'Asia/Kathmandu';

let server: RunningServer;
let root: DigestClient;
let startedBefore: number;

before(async () => {
  startedBefore = Date.now();
  server = await startServer();
  root = new DigestClient(server.url, 'root', 'pass');
});

after(async () => {
  await server?.stop();
});

/** One timed read with the real curl; returns the body and the window the read happened in. */
async function read(query = ''): Promise<{ body: string; from: number; to: number }> {
  const from = Date.now();
  const res = await curl(['--digest', '-u', 'root:pass', `${server.url}/io/input.txt${query}`]);
  const to = Date.now();
  assert.equal(res.status, 200, res.body);
  assert.equal(res.headers['content-type'], 'text/plain');
  assert.match(res.headers['cache-control'] ?? '', /\bno-cache\b/);
  return { body: res.body, from, to };
}

async function sim(input: number, body: object): Promise<void> {
  const res = await root.request(`/api/v1/sim/inputs/${input}`, {
    method: 'POST',
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json' },
  });
  assert.equal(res.status, 200, res.text);
}

/** The exact input.txt texts allowed when the previous read happened somewhere in [from, to]. */
function expected(from: number, to: number, lines: Array<[current: number, last: number, pulse: number]>): string[] {
  return hhmmBetween(from, to).map((time) =>
    lines.map(([c, l, p], i) => `input:${i + 1} current:${c} last:${l} time:${time} pulse:${p}\n`).join(''),
  );
}

function assertOneOf(actual: string, allowed: string[]): void {
  assert.ok(allowed.includes(actual), `input.txt was\n${actual}\nexpected one of\n${allowed.join('\n')}`);
}

let previous: { from: number; to: number };

test('the first read reports the interval since auxio started', async () => {
  const r = await read();
  // Nothing has happened yet; "time" is when auxio first ran (no read before it).
  assertOneOf(r.body, expected(startedBefore, r.from, [[0, 0, 0], [0, 0, 0]]));
  previous = r;
});

test('a read counts each one-to-zero transition since the previous read, and prints that read\'s time', async () => {
  await sim(1, { pulses: 3, highMs: 0, lowMs: 0 });
  await sim(2, { level: 1 });
  const r = await read();
  // Input 2 went 0 -> 1: current 1, but a rising edge is not a pulse.
  assertOneOf(r.body, expected(previous.from, previous.to, [[0, 0, 3], [1, 0, 0]]));
  previous = r;
});

test('a second quick read reports pulse:0, and last is what the previous read reported', async () => {
  const r = await read();
  assertOneOf(r.body, expected(previous.from, previous.to, [[0, 0, 0], [1, 1, 0]]));
  previous = r;
});

test('?peek reports the running interval without starting a new one', async () => {
  await sim(1, { pulses: 2, highMs: 0, lowMs: 0 });
  await sim(2, { level: 0 });
  const want = expected(previous.from, previous.to, [[0, 0, 2], [0, 1, 1]]);
  const peek1 = await read('?peek');
  assertOneOf(peek1.body, want);
  const peek2 = await read('?peek');
  assert.equal(peek2.body, peek1.body);
  // The real read still covers the whole interval: the peeks neither took the pulses nor moved "time".
  const r = await read();
  assert.equal(r.body, peek1.body);
  previous = r;
  const next = await read();
  assertOneOf(next.body, expected(r.from, r.to, [[0, 0, 0], [0, 0, 0]]));
  previous = next;
});

test('a high level alone is no pulse; its fall is one', async () => {
  await sim(1, { level: 1 });
  const high = await read();
  assertOneOf(high.body, expected(previous.from, previous.to, [[1, 0, 0], [0, 0, 0]]));
  await sim(1, { level: 0 });
  const low = await read();
  assertOneOf(low.body, expected(high.from, high.to, [[0, 1, 1], [0, 0, 0]]));
});

test('the JSON API agrees with the pulses input.txt reported (3 + 2 + 1 on input 1, 1 on input 2)', async () => {
  const res = await root.request('/api/v1/io');
  assert.equal(res.status, 200);
  const inputs = JSON.parse(res.text).channels.filter((c: { direction: string }) => c.direction === 'input');
  assert.deepEqual(
    inputs.map((c: { id: string; level: number; pulses: number }) => [c.id, c.level, c.pulses]),
    [
      ['input1', 0, 6],
      ['input2', 0, 1],
    ],
  );
});
