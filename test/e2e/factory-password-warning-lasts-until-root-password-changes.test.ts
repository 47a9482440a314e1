// DESIGN.md: "`root` / `pass` is the factory default, and the server warns loudly until it is
// changed": a WARNING log line at start and `factoryPassword: true` in /api/v1/status.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, type RunningServer } from '../support/server.ts';
import { curl } from '../support/curl.ts';
import { DigestClient } from '../support/digest-fetch.ts';

const WARNING = 'WARNING: the factory login root/pass is still in use: change it (PUT /api/v1/users/root)';

let server: RunningServer;

before(async () => {
  server = await startServer();
});

after(async () => {
  await server?.stop();
});

const warnings = (s: RunningServer) => s.logs.filter((l) => typeof l.msg === 'string' && l.msg.startsWith('WARNING'));

test('a fresh server logs the WARNING line and reports factoryPassword: true', async () => {
  assert.deepEqual(
    warnings(server).map((l) => [l.level, l.msg]),
    [[40, WARNING]],
  );
  const status = await new DigestClient(server.url, 'root', 'pass').request('/api/v1/status');
  assert.equal(status.status, 200);
  const body = JSON.parse(status.text);
  assert.equal(body.factoryPassword, true);
  assert.deepEqual(body.warnings, [WARNING.replace('WARNING: ', '')]);
  assert.deepEqual(body.user, { username: 'root', role: 'admin' });
});

test('once root\'s password is changed the status says factoryPassword: false, and root/pass is refused', async () => {
  const change = await new DigestClient(server.url, 'root', 'pass').request('/api/v1/users/root', {
    method: 'PUT',
    body: JSON.stringify({ password: 'n3w-r00t-secret' }),
    headers: { 'content-type': 'application/json' },
  });
  assert.equal(change.status, 200, change.text);
  assert.deepEqual(JSON.parse(change.text), { username: 'root', role: 'admin' });
  const status = await new DigestClient(server.url, 'root', 'n3w-r00t-secret').request('/api/v1/status');
  assert.equal(status.status, 200);
  assert.equal(JSON.parse(status.text).factoryPassword, false);
  assert.deepEqual(JSON.parse(status.text).warnings, []);
  const old = await curl(['--basic', '-u', 'root:pass', `${server.url}/io/input.txt`]);
  assert.equal(old.status, 401);
});

test('after a restart on the same data the WARNING line is gone and the new password still works', async () => {
  const dataDir = server.dataDir;
  await server.stop();
  server = await startServer({ dataDir });
  assert.ok(server.logs.some((l) => String(l.msg).includes('listening on')));
  assert.deepEqual(warnings(server), []);
  const status = await new DigestClient(server.url, 'root', 'n3w-r00t-secret').request('/api/v1/status');
  assert.equal(status.status, 200);
  assert.equal(JSON.parse(status.text).factoryPassword, false);
});
