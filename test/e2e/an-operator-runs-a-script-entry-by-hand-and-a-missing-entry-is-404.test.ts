// A schedule entry cannot be waited for in a test (its next minute may be an hour away), so it is
// run the way the web page's and Home Assistant's buttons run it: POST /api/v1/script/entries/{n}/run,
// operator role or above, journaled with trigger `entry n: by hand (http:<user>)`.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { api } from '../support/api.ts';
import { DigestClient } from '../support/digest-fetch.ts';
import { endedRuns, eventsSince, lastSeq, putScript, scriptRuns, waitForEvents } from '../support/script-api.ts';
import { startServer, type RunningServer } from '../support/server.ts';

// Entry 2 is a schedule entry for 03:00 only: it can run now only by hand.
const SCRIPT = '* * * * * /I1 :\nlog door;\n%\n0 3 * * * :\nlog nightly check;\n%\n';

let server: RunningServer;
let root: DigestClient;

before(async () => {
  server = await startServer();
  root = new DigestClient(server.url, 'root', 'pass');
  const put = await putScript(root, SCRIPT);
  assert.equal(put.status, 200, put.text);
  for (const [name, role] of [['op', 'operator'], ['watcher', 'viewer']]) {
    const res = await api(server.url, `/api/v1/users/${name}`, { method: 'PUT', body: { password: `${name}-pw-1`, role } });
    assert.equal(res.status, 201, JSON.stringify(res.body));
  }
});

after(async () => {
  await server?.stop();
});

/** Runs entry `n` by hand as `user`, waits for it to end, and returns its journal. */
async function runByHand(n: number, user: string, password: string) {
  const since = await lastSeq(root);
  const res = await api(server.url, `/api/v1/script/entries/${n}/run`, { method: 'POST', user, password });
  assert.equal(res.status, 202, JSON.stringify(res.body));
  assert.deepEqual(res.body, { entry: n, accepted: true });
  return waitForEvents(root, since, (e) => endedRuns(e, n) === 1);
}

test('root runs the schedule entry by hand: trigger "entry 2: by hand (http:root)", its command runs', async () => {
  const events = await runByHand(2, 'root', 'pass');
  const started = events.find((e) => e.kind === 'script_run')!.seq;
  assert.deepEqual(scriptRuns(events), [
    ['started', null, null, 'entry 2: by hand (http:root)'],
    ['finished', started, null, 'entry 2: by hand (http:root)'],
  ]);
  assert.deepEqual(
    events.filter((e) => e.kind === 'log').map((e) => [e.actor, e.data]),
    [[`script:2#${started}`, { text: 'nightly check' }]],
  );
  assert.equal(events.filter((e) => e.kind === 'script_run' && e.data.entry !== 2).length, 0, 'no other entry ran');
});

test('an operator may run it too, and the journal names the operator', async () => {
  const events = await runByHand(2, 'op', 'op-pw-1');
  assert.deepEqual(scriptRuns(events).map(([outcome, , , trigger]) => [outcome, trigger]), [
    ['started', 'entry 2: by hand (http:op)'],
    ['finished', 'entry 2: by hand (http:op)'],
  ]);
});

test('an edge entry can be run by hand as well', async () => {
  const events = await runByHand(1, 'root', 'pass');
  assert.deepEqual(scriptRuns(events).map(([outcome, , cause, trigger]) => [outcome, cause, trigger]), [
    ['started', null, 'entry 1: by hand (http:root)'],
    ['finished', null, 'entry 1: by hand (http:root)'],
  ]);
});

test('a viewer is refused with 403 and nothing runs', async () => {
  const since = await lastSeq(root);
  const res = await api(server.url, '/api/v1/script/entries/2/run', { method: 'POST', user: 'watcher', password: 'watcher-pw-1' });
  assert.equal(res.status, 403);
  assert.equal(res.body.error.code, 'FORBIDDEN');
  await sleep(200);
  assert.deepEqual((await eventsSince(root, since)).filter((e) => e.kind === 'script_run'), []);
});

test('a missing entry is 404 NOT_FOUND: past the last, zero, or not a number', async () => {
  const since = await lastSeq(root);
  for (const n of ['3', '0', '99', 'two', '-1']) {
    const res = await api(server.url, `/api/v1/script/entries/${n}/run`, { method: 'POST' });
    assert.equal(res.status, 404, `entry ${n}: ${JSON.stringify(res.body)}`);
    assert.equal(res.body.error.code, 'NOT_FOUND', `entry ${n}`);
  }
  await sleep(200);
  assert.deepEqual((await eventsSince(root, since)).filter((e) => e.kind === 'script_run'), []);
});
