// HEAD is a safe method (RFC 9110 section 9.3.2): link checkers, monitors and proxies send it
// freely and never read a body. A HEAD of relayon.txt must not switch a gate relay, and a HEAD of
// input.txt must not end the interval: its pulses would be reported to nobody, breaking "counted in
// exactly one input.txt interval" (DESIGN.md).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, type RunningServer } from '../support/server.ts';
import { curlRaw } from '../support/curl-raw.ts';
import { DigestClient } from '../support/digest-fetch.ts';
import { parseInputTxt } from '../support/input-txt.ts';

let server: RunningServer;
let root: DigestClient;

before(async () => {
  server = await startServer();
  root = new DigestClient(server.url, 'root', 'pass');
});

after(async () => {
  await server?.stop();
});

test('HEAD /io/relayon.txt leaves the relay off', async () => {
  const head = await curlRaw(['--head', '--digest', '-u', 'root:pass', `${server.url}/io/relayon.txt`]);
  assert.ok(head.status < 500, `HEAD answered ${head.status}`);
  const relay = JSON.parse((await root.request('/api/v1/outputs/1')).text);
  assert.equal(relay.active, false, 'a HEAD request switched the relay on');
});

test('HEAD /io/input.txt does not take the pulses of the running interval', async () => {
  assert.equal((await root.request('/io/input.txt')).status, 200);
  const sim = await root.request('/api/v1/sim/inputs/1', {
    method: 'POST',
    body: JSON.stringify({ pulses: 3, highMs: 0, lowMs: 0 }),
    headers: { 'content-type': 'application/json' },
  });
  assert.equal(sim.status, 200, sim.text);
  const head = await curlRaw(['--head', '--digest', '-u', 'root:pass', `${server.url}/io/input.txt`]);
  assert.ok(head.status < 500, `HEAD answered ${head.status}`);
  const read = await root.request('/io/input.txt');
  assert.equal(parseInputTxt(read.text)[0]!.pulse, 3, 'the HEAD request swallowed the pulses');
});
