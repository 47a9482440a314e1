// port.cgi as VMS software calls it (docs/vapix.md §1): ports numbered from 1, inputs first, so with
// the default channels the relay is port 3. Actions arrive percent-encoded (the axis library) or raw
// (Network Optix); every switch is journaled with the VAPIX user as actor (DESIGN.md).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, type RunningServer } from '../support/server.ts';
import { outputChanges, relayActive, vapixGet } from '../support/vapix.ts';

let server: RunningServer;

before(async () => {
  server = await startServer();
});

after(async () => {
  await server?.stop();
});

async function portCgi(query: string, scheme: '--digest' | '--basic' = '--digest') {
  const res = await vapixGet(server.url, `/axis-cgi/io/port.cgi?${query}`, 'root:pass', scheme);
  assert.equal(res.status, 200, res.body);
  assert.equal(res.headers['content-type'], 'text/plain');
  return res.body;
}

test('check=1,2 reads both inputs as open circuits: one line each', async () => {
  assert.equal(await portCgi('check=1,2'), 'port1=0\nport2=0\n');
});

test('checkactive=3 and checkdirection report the relay port', async () => {
  assert.equal(await portCgi('checkactive=3'), 'port3=inactive\n');
  assert.equal(await portCgi('checkdirection=1,3'), 'port1=input\nport3=output\n');
});

test('action=3%3A%2F (3:/ encoded) switches the relay on before answering, with an empty body', async () => {
  assert.equal(await portCgi('action=3%3A%2F'), '');
  assert.equal(await relayActive(server.url), true);
  assert.equal(await portCgi('checkactive=3&check=3'), 'port3=active\nport3=1\n');
});

test('action=3:\\ sent raw (as Network Optix does) switches it off', async () => {
  assert.equal(await portCgi('action=3:\\', '--basic'), '');
  assert.equal(await relayActive(server.url), false);
  assert.equal(await portCgi('check=3'), 'port3=0\n');
});

test('an omitted port drives the first output, encoded and raw', async () => {
  assert.equal(await portCgi('action=%3A%2F'), '');
  assert.equal(await relayActive(server.url), true);
  assert.equal(await portCgi('action=:\\', '--basic'), '');
  assert.equal(await relayActive(server.url), false);
});

test('raw "/" and ":" pass a Digest login unchanged', async () => {
  assert.equal(await portCgi('action=3:/'), '');
  assert.equal(await relayActive(server.url), true);
  assert.equal(await portCgi('action=3:%5C'), '');
  assert.equal(await relayActive(server.url), false);
});

test('a raw "\\" in the URL passes a Digest login (curl signs it unescaped in uri="...")', async () => {
  // An argument that switches nothing: past the login it is refused as unsupported (400), not 401.
  const res = await vapixGet(server.url, '/axis-cgi/io/port.cgi?x=\\');
  assert.equal(res.status, 400, res.body);
});

test('each switch is journaled once with actor vapix:root', async () => {
  const changes = await outputChanges(server.url);
  assert.deepEqual(
    changes.map((c) => [c.actor, c.active]),
    [
      ['startup', false],
      ['vapix:root', true],
      ['vapix:root', false],
      ['vapix:root', true],
      ['vapix:root', false],
      ['vapix:root', true],
      ['vapix:root', false],
    ],
  );
});
