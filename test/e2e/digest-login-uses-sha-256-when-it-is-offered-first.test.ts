// `http.digest_algorithms: [SHA-256, MD5]` offers SHA-256 first (RFC 7616 section 3.7: clients
// pick the first they support); curl then logs in with SHA-256 and the IO files work unchanged.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, type RunningServer } from '../support/server.ts';
import { curlRaw, headerValues } from '../support/curl-raw.ts';

let server: RunningServer;

before(async () => {
  server = await startServer({ config: { http: { digest_algorithms: ['SHA-256', 'MD5'] } } });
});

after(async () => {
  await server?.stop();
});

test('a 401 offers Digest SHA-256, then Digest MD5, then Basic', async () => {
  const run = await curlRaw([`${server.url}/io/relayon.txt`]);
  assert.equal(run.status, 401);
  const challenges = headerValues(run.responses[0]!, 'www-authenticate');
  assert.equal(challenges.length, 3);
  assert.match(challenges[0]!, /^Digest realm="auxio", qop="auth", algorithm=SHA-256, nonce="[^"]+", opaque="[^"]+"$/);
  assert.match(challenges[1]!, /^Digest realm="auxio", qop="auth", algorithm=MD5, nonce="[^"]+", opaque="[^"]+"$/);
  assert.equal(challenges[2], 'Basic realm="auxio"');
});

test('curl --digest answers the SHA-256 challenge and relayon.txt / relayoff.txt keep their bytes', async () => {
  const on = await curlRaw(['-v', '--digest', '-u', 'root:pass', `${server.url}/io/relayon.txt`]);
  assert.deepEqual(
    on.responses.map((r) => r.status),
    [401, 200],
  );
  const sent = on.stderr.split(/\r?\n/).filter((l) => l.startsWith('> Authorization: '));
  assert.equal(sent.length, 1);
  assert.match(sent[0]!, /^> Authorization: Digest username="root", .*algorithm=SHA-256/);
  assert.match(sent[0]!, /response="[0-9a-f]{64}"/);
  assert.equal(on.body, 'Relay is On');

  const off = await curlRaw(['--digest', '-u', 'root:pass', `${server.url}/io/relayoff.txt`]);
  assert.equal(off.status, 200);
  assert.equal(off.body, 'Relay is Off');
});

test('a wrong password under SHA-256 is still refused', async () => {
  const run = await curlRaw(['--digest', '-u', 'root:nope', `${server.url}/io/relayon.txt`]);
  assert.deepEqual(
    run.responses.map((r) => r.status),
    [401, 401],
  );
  assert.equal(run.body, '401 login required\n');
});
