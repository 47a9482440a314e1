// A refused login (DESIGN.md: "Every IO file and every state-changing call needs a login"): 401
// with a Digest challenge first and Basic after it, nothing switched, no input.txt interval taken,
// and an `auth_failed` journal entry that names the user but never holds the password.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, type RunningServer } from '../support/server.ts';
import { curl } from '../support/curl.ts';
import { curlRaw, headerValues } from '../support/curl-raw.ts';
import { DigestClient } from '../support/digest-fetch.ts';
import { allEvents } from '../support/journal-pages.ts';
import { parseInputTxt } from '../support/input-txt.ts';

const WRONG = 'Hunter2-wrong-7781';

let server: RunningServer;
let root: DigestClient;
/** Wrong logins this file made, in order: [username, reason]. */
const refused: Array<[string, string]> = [];

before(async () => {
  server = await startServer();
  root = new DigestClient(server.url, 'root', 'pass');
});

after(async () => {
  await server?.stop();
});

async function relayActive(): Promise<boolean> {
  const res = await root.request('/api/v1/io');
  assert.equal(res.status, 200);
  return JSON.parse(res.text).channels.find((c: { id: string }) => c.id === 'output1').active;
}

function assertChallenges(values: string[]): void {
  assert.equal(values.length, 2, `WWW-Authenticate: ${JSON.stringify(values)}`);
  assert.match(values[0]!, /^Digest realm="auxio", qop="auth", algorithm=MD5, nonce="[^"]+", opaque="[^"]+"$/);
  assert.equal(values[1], 'Basic realm="auxio"');
}

test('a wrong Basic password gets 401 with a Digest challenge first, then Basic', async () => {
  const run = await curlRaw(['--basic', '-u', `root:${WRONG}`, `${server.url}/io/relayon.txt`]);
  refused.push(['root', 'bad-password']);
  assert.equal(run.status, 401);
  assert.equal(run.responses.length, 1);
  assertChallenges(headerValues(run.responses[0]!, 'www-authenticate'));
  assert.equal(run.body, '401 login required\n');
});

test('a wrong Digest password gets 401 again after the challenge, with fresh challenges', async () => {
  const run = await curlRaw(['--digest', '-u', `root:${WRONG}`, `${server.url}/io/relayon.txt`]);
  refused.push(['root', 'bad-password']);
  assert.deepEqual(
    run.responses.map((r) => r.status),
    [401, 401],
  );
  assertChallenges(headerValues(run.responses[1]!, 'www-authenticate'));
  assert.equal(run.body, '401 login required\n');
});

test('the refused relayon.txt left the relay off, and a refused relayoff.txt leaves it on', async () => {
  assert.equal(await relayActive(), false);
  const on = await curl(['--digest', '-u', 'root:pass', `${server.url}/io/relayon.txt`]);
  assert.equal(on.body, 'Relay is On');
  for (const scheme of ['--digest', '--basic']) {
    const off = await curl([scheme, '-u', `root:${WRONG}`, `${server.url}/io/relayoff.txt`]);
    refused.push(['root', 'bad-password']);
    assert.equal(off.status, 401);
  }
  assert.equal(await relayActive(), true);
  const events = await allEvents(root, 'channel=output1&kind=output');
  assert.deepEqual(
    events.map((e) => [e.actor, e.data.active]),
    [
      ['startup', false],
      ['http:root', true],
    ],
  );
});

test('a refused input.txt read does not take the pulses of the running interval', async () => {
  const start = await root.request('/io/input.txt');
  assert.equal(start.status, 200);
  const sim = await root.request('/api/v1/sim/inputs/1', {
    method: 'POST',
    body: JSON.stringify({ pulses: 4, highMs: 0, lowMs: 0 }),
    headers: { 'content-type': 'application/json' },
  });
  assert.equal(sim.status, 200, sim.text);
  for (const scheme of ['--digest', '--basic']) {
    const res = await curl([scheme, '-u', `root:${WRONG}`, `${server.url}/io/input.txt`]);
    refused.push(['root', 'bad-password']);
    assert.equal(res.status, 401);
    assert.doesNotMatch(res.body, /input:/);
  }
  const unknown = await curl(['--basic', '-u', `mallory:${WRONG}`, `${server.url}/io/input.txt`]);
  refused.push(['mallory', 'unknown-user']);
  assert.equal(unknown.status, 401);
  const ok = await curl(['--digest', '-u', 'root:pass', `${server.url}/io/input.txt`]);
  assert.equal(ok.status, 200);
  assert.equal(parseInputTxt(ok.body)[0]!.pulse, 4);
});

test('the JSON API refuses with 401 and its JSON error, and offers the same challenges', async () => {
  const run = await curlRaw(['--basic', '-u', `root:${WRONG}`, `${server.url}/api/v1/outputs/1`, '-X', 'PUT', '-H', 'content-type: application/json', '--data', '{"active":false}']);
  refused.push(['root', 'bad-password']);
  assert.equal(run.status, 401);
  assertChallenges(headerValues(run.responses[0]!, 'www-authenticate'));
  assert.deepEqual(JSON.parse(run.body), { error: { code: 'AUTH_REQUIRED', message: 'login required' } });
  assert.equal(await relayActive(), true);
});

test('each refused login is one auth_failed entry naming the user and address; a bare challenge is none', async () => {
  // A request with no credentials is a challenge, not a failure.
  const bare = await curl([`${server.url}/io/input.txt`]);
  assert.equal(bare.status, 401);
  const res = await root.request('/api/v1/events?kind=auth_failed&limit=1000');
  assert.equal(res.status, 200);
  const events = JSON.parse(res.text).events as Array<{ kind: string; channel: null; actor: null; data: Record<string, unknown> }>;
  assert.deepEqual(
    events.map((e) => [e.kind, e.channel, e.actor, e.data]),
    refused.map(([username, reason]) => ['auth_failed', null, null, { username, address: '127.0.0.1', reason }]),
  );
});

test('the password appears nowhere in the journal or the log', async () => {
  const journal = JSON.stringify(await allEvents(root));
  const logs = JSON.stringify(server.logs);
  const basic = Buffer.from(`root:${WRONG}`).toString('base64');
  for (const [where, text] of [
    ['journal', journal],
    ['log', logs],
  ] as const) {
    assert.ok(!text.includes(WRONG), `${where} holds the password`);
    assert.ok(!text.includes(basic), `${where} holds the Basic credentials`);
    assert.ok(!text.includes('Hunter2'), `${where} holds part of the password`);
  }
  assert.ok(journal.includes('"kind":"auth_failed"'));
});
