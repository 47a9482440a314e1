// Roles as on an Axis device (src/http/auth/roles.ts): a viewer reads, an operator also drives the
// relay, only an admin plays the simulator or manages users. Anyone may change their own password,
// never their own role.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, type RunningServer } from '../support/server.ts';
import { curl } from '../support/curl.ts';
import { DigestClient, type DigestAnswer } from '../support/digest-fetch.ts';
import { parseInputTxt } from '../support/input-txt.ts';

let server: RunningServer;
let root: DigestClient;
let viewer: DigestClient;
let operator: DigestClient;

before(async () => {
  server = await startServer();
  root = new DigestClient(server.url, 'root', 'pass');
  viewer = new DigestClient(server.url, 'vera', 'viewer-pw-1');
  operator = new DigestClient(server.url, 'otto', 'operator-pw-1');
});

after(async () => {
  await server?.stop();
});

const json = (body: unknown) => ({ body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
const put = (c: DigestClient, path: string, body: unknown) => c.request(path, { method: 'PUT', ...json(body) });
const post = (c: DigestClient, path: string, body: unknown) => c.request(path, { method: 'POST', ...json(body) });

function assertForbidden(res: DigestAnswer, role: string): void {
  assert.equal(res.status, 403, res.text);
  assert.deepEqual(JSON.parse(res.text), { error: { code: 'FORBIDDEN', message: `the ${role} role is needed for this` } });
}

async function relayActive(): Promise<boolean> {
  const res = await root.request('/api/v1/outputs/1');
  assert.equal(res.status, 200);
  return JSON.parse(res.text).active;
}

test('root creates a viewer and an operator', async () => {
  const v = await put(root, '/api/v1/users/vera', { password: 'viewer-pw-1', role: 'viewer' });
  assert.equal(v.status, 201, v.text);
  assert.deepEqual(JSON.parse(v.text), { username: 'vera', role: 'viewer' });
  const o = await put(root, '/api/v1/users/otto', { password: 'operator-pw-1', role: 'operator' });
  assert.equal(o.status, 201, o.text);
  const list = await root.request('/api/v1/users');
  assert.deepEqual(
    JSON.parse(list.text).users.sort((a: { username: string }, b: { username: string }) => a.username.localeCompare(b.username)),
    [
      { username: 'otto', role: 'operator' },
      { username: 'root', role: 'admin' },
      { username: 'vera', role: 'viewer' },
    ],
  );
});

test('a viewer reads input.txt and /api/v1/io', async () => {
  const txt = await curl(['--digest', '-u', 'vera:viewer-pw-1', `${server.url}/io/input.txt`]);
  assert.equal(txt.status, 200);
  assert.equal(parseInputTxt(txt.body).length, 2);
  const io = await viewer.request('/api/v1/io');
  assert.equal(io.status, 200);
  assert.equal(JSON.parse(io.text).channels.length, 3);
});

test('a viewer gets 403 for relayon.txt and PUT /api/v1/outputs/1, and the relay stays off', async () => {
  for (const scheme of ['--digest', '--basic']) {
    const on = await curl([scheme, '-u', 'vera:viewer-pw-1', `${server.url}/io/relayon.txt`]);
    assert.equal(on.status, 403);
    assert.equal(on.body, '403 the operator role is needed for this\n');
  }
  assertForbidden(await put(viewer, '/api/v1/outputs/1', { active: true }), 'operator');
  assertForbidden(await put(viewer, '/api/v1/outputs/1', { pulseMs: 500 }), 'operator');
  assert.equal(await relayActive(), false);
});

test('an operator switches the relay, and the journal names the operator', async () => {
  const on = await curl(['--digest', '-u', 'otto:operator-pw-1', `${server.url}/io/relayon.txt`]);
  assert.equal(on.status, 200);
  assert.equal(on.body, 'Relay is On');
  assert.equal(await relayActive(), true);
  const off = await put(operator, '/api/v1/outputs/1', { active: false });
  assert.equal(off.status, 200, off.text);
  assert.equal(JSON.parse(off.text).active, false);
  const events = await root.request('/api/v1/events?channel=output1&kind=output');
  assert.deepEqual(
    JSON.parse(events.text).events.map((e: { actor: string; data: { active: boolean } }) => [e.actor, e.data.active]),
    [
      ['startup', false],
      ['http:otto', true],
      ['http:otto', false],
    ],
  );
});

test('an operator gets 403 on the simulator API and on user management', async () => {
  assertForbidden(await post(operator, '/api/v1/sim/inputs/1', { level: 1 }), 'admin');
  assertForbidden(await operator.request('/api/v1/users'), 'admin');
  assertForbidden(await put(operator, '/api/v1/users/vera', { password: 'taken-over' }), 'admin');
  assertForbidden(await put(operator, '/api/v1/users/eve', { password: 'new-user-pw', role: 'admin' }), 'admin');
  assertForbidden(await operator.request('/api/v1/users/vera', { method: 'DELETE' }), 'admin');
  // Nothing moved: the input is still low with no pulses, vera still logs in with her password.
  const io = JSON.parse((await root.request('/api/v1/io')).text).channels[0];
  assert.deepEqual([io.level, io.pulses], [0, 0]);
  assert.equal((await viewer.request('/api/v1/io')).status, 200);
});

test('a user changes their own password: the old one stops working, the new one works', async () => {
  const res = await put(viewer, '/api/v1/users/vera', { password: 'viewer-pw-2' });
  assert.equal(res.status, 200, res.text);
  assert.deepEqual(JSON.parse(res.text), { username: 'vera', role: 'viewer' });
  const old = await curl(['--digest', '-u', 'vera:viewer-pw-1', `${server.url}/io/input.txt`]);
  assert.equal(old.status, 401);
  for (const scheme of ['--digest', '--basic']) {
    const fresh = await curl([scheme, '-u', 'vera:viewer-pw-2', `${server.url}/io/input.txt`]);
    assert.equal(fresh.status, 200);
  }
});

test('a user cannot change their own role, nor another user\'s password', async () => {
  viewer = new DigestClient(server.url, 'vera', 'viewer-pw-2');
  assertForbidden(await put(viewer, '/api/v1/users/vera', { role: 'admin' }), 'admin');
  assertForbidden(await put(viewer, '/api/v1/users/vera', { password: 'viewer-pw-3', role: 'viewer' }), 'admin');
  assertForbidden(await put(operator, '/api/v1/users/otto', { role: 'admin' }), 'admin');
  assertForbidden(await put(viewer, '/api/v1/users/otto', { password: 'stolen-pw' }), 'admin');
  const list = JSON.parse((await root.request('/api/v1/users')).text).users;
  assert.deepEqual(
    list.filter((u: { username: string }) => u.username !== 'root').sort((a: { username: string }, b: { username: string }) => a.username.localeCompare(b.username)),
    [
      { username: 'otto', role: 'operator' },
      { username: 'vera', role: 'viewer' },
    ],
  );
  // otto's password was not changed by vera's refused attempt.
  assert.equal((await operator.request('/api/v1/io')).status, 200);
  const stolen = await curl(['--basic', '-u', 'otto:stolen-pw', `${server.url}/io/input.txt`]);
  assert.equal(stolen.status, 401);
});
