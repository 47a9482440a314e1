// The AXIS 200's IO files, byte for byte (DESIGN.md "Behaviour that must not drift"): existing
// scripts compare these texts exactly, and log in with Digest or Basic.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, type RunningServer } from '../support/server.ts';
import { curl } from '../support/curl.ts';
import { api } from '../support/api.ts';

let server: RunningServer;

before(async () => {
  server = await startServer();
});

after(async () => {
  await server?.stop();
});

async function relayActive(): Promise<boolean> {
  const res = await api(server.url, '/api/v1/io');
  assert.equal(res.status, 200);
  const relay = res.body.channels.find((c: { id: string }) => c.id === 'output1');
  return relay.active;
}

function assertPlainNoCache(headers: Record<string, string>): void {
  assert.equal(headers['content-type'], 'text/plain');
  assert.match(headers['cache-control'] ?? '', /\bno-cache\b/);
  assert.equal(headers.pragma, 'no-cache');
}

for (const scheme of ['--digest', '--basic'] as const) {
  describe(`with curl ${scheme}`, () => {
    test('GET /io/ lists relayon.txt, relayoff.txt and input.txt', async () => {
      const res = await curl([scheme, '-u', 'root:pass', `${server.url}/io/`]);
      assert.equal(res.status, 200);
      assert.match(res.headers['content-type'] ?? '', /^text\/html/);
      const links = [...res.body.matchAll(/<a href="([^"]+)">([^<]+)<\/a>/g)].map((m) => [m[1], m[2]]);
      assert.deepEqual(links, [
        ['relayon.txt', 'relayon.txt'],
        ['relayoff.txt', 'relayoff.txt'],
        ['input.txt', 'input.txt'],
      ]);
    });

    test('relayon.txt answers exactly "Relay is On" and the relay is then active', async () => {
      const res = await curl([scheme, '-u', 'root:pass', `${server.url}/io/relayon.txt`]);
      assert.equal(res.status, 200);
      assert.equal(res.body, 'Relay is On');
      assert.equal(res.headers['content-length'], '11');
      assertPlainNoCache(res.headers);
      assert.equal(await relayActive(), true);
    });

    test('relayon.txt again keeps the relay on and answers the same bytes', async () => {
      const res = await curl([scheme, '-u', 'root:pass', `${server.url}/io/relayon.txt`]);
      assert.equal(res.status, 200);
      assert.equal(res.body, 'Relay is On');
      assert.equal(await relayActive(), true);
    });

    test('relayoff.txt answers exactly "Relay is Off" and the relay is then inactive', async () => {
      const res = await curl([scheme, '-u', 'root:pass', `${server.url}/io/relayoff.txt`]);
      assert.equal(res.status, 200);
      assert.equal(res.body, 'Relay is Off');
      assert.equal(res.headers['content-length'], '12');
      assertPlainNoCache(res.headers);
      assert.equal(await relayActive(), false);
    });
  });
}

test('every switch is journaled once, with the logged-in user as actor', async () => {
  const res = await api(server.url, '/api/v1/events?channel=output1&kind=output&limit=1000');
  assert.equal(res.status, 200);
  const changes = res.body.events.map((e: { actor: string; data: { active: boolean } }) => [e.actor, e.data.active]);
  // Start-up writes the policy once; each real switch (not the repeated "on") is one entry.
  assert.deepEqual(changes, [
    ['startup', false],
    ['http:root', true],
    ['http:root', false],
    ['http:root', true],
    ['http:root', false],
  ]);
});
