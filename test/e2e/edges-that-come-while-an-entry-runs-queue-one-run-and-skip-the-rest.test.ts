// The rule for a trigger that comes while its entry runs (src/rules/entry-runner.ts): the first
// waits and runs right after, any further one is skipped while one waits, and both are journaled.
// Three quick door openings on a `sleep 1` entry: started, queued, skipped, finished, started, finished.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { DigestClient } from '../support/digest-fetch.ts';
import type { EventJson } from '../support/journal-pages.ts';
import { endedRuns, lastSeq, putScript, scriptRuns, setInput, waitForEvents } from '../support/script-api.ts';
import { startServer, type RunningServer } from '../support/server.ts';

const TRIGGER = 'entry 1: /I1';

let server: RunningServer;
let root: DigestClient;

before(async () => {
  server = await startServer();
  root = new DigestClient(server.url, 'root', 'pass');
  const put = await putScript(root, '* * * * * /I1 :\nsleep 1;\n%\n');
  assert.equal(put.status, 200, put.text);
});

after(async () => {
  await server?.stop();
});

async function pulses(count: number): Promise<void> {
  const res = await root.request('/api/v1/sim/inputs/1', {
    method: 'POST',
    body: JSON.stringify({ pulses: count, highMs: 5, lowMs: 5 }),
    headers: { 'content-type': 'application/json' },
  });
  assert.equal(res.status, 200, res.text);
}

const risingEdges = (events: EventJson[]) => events.filter((e) => e.kind === 'input' && e.data.level === 1).map((e) => e.seq);

test('three quick edges: started, queued, skipped, finished, started (the queued one), finished', async () => {
  const since = await lastSeq(root);
  await pulses(3);
  const events = await waitForEvents(root, since, (e) => endedRuns(e, 1) === 2, 5000);
  const [e1, e2, e3] = risingEdges(events);
  assert.ok(e1 && e2 && e3, 'three rising edges in the journal');
  const runs = events.filter((e) => e.kind === 'script_run');
  const first = runs[0]!.seq;
  const second = runs[4]!.seq;
  assert.deepEqual(scriptRuns(events), [
    ['started', null, e1, TRIGGER],
    ['queued', null, e2, TRIGGER],
    ['skipped', null, e3, TRIGGER],
    ['finished', first, e1, TRIGGER],
    ['started', null, e2, TRIGGER],
    ['finished', second, e2, TRIGGER],
  ]);
  const at = runs.map((e) => Date.parse(e.time));
  assert.ok(at[3]! - at[0]! >= 990, 'the first run slept its second');
  assert.ok(at[4]! - at[3]! < 500, `the queued run started ${at[4]! - at[3]!} ms after the first finished`);
  assert.ok(at[5]! - at[4]! >= 990, 'the queued run slept its second too');
});

test('once the queue has drained, the next edge runs at once and nothing is skipped', async () => {
  const since = await lastSeq(root);
  await pulses(1);
  const events = await waitForEvents(root, since, (e) => endedRuns(e, 1) === 1, 3000);
  const [edge] = risingEdges(events);
  const started = events.find((e) => e.kind === 'script_run')!.seq;
  assert.deepEqual(scriptRuns(events), [
    ['started', null, edge, TRIGGER],
    ['finished', started, edge, TRIGGER],
  ]);
});
