import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { createApp } from '../app.ts';
import { validateConfig } from '../config/index.ts';
import { factoryLoginRefused, isLoopback, namesThisMachine } from './factory-login.ts';

test('loopback is 127.0.0.0/8 and ::1, mapped or not; nothing else', () => {
  for (const a of ['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1']) assert.equal(isLoopback(a), true, a);
  for (const a of ['192.0.2.7', '::ffff:192.0.2.7', '10.0.0.1', 'fe80::1', '', 'localhost']) assert.equal(isLoopback(a), false, a);
  assert.equal(factoryLoginRefused({ usesFactoryPassword: true, address: '192.0.2.7', allowRemote: false, host: '127.0.0.1' }), true);
  assert.equal(factoryLoginRefused({ usesFactoryPassword: true, address: '192.0.2.7', allowRemote: true, host: 'auxio.example' }), false);
  assert.equal(factoryLoginRefused({ usesFactoryPassword: false, address: '192.0.2.7', allowRemote: false, host: 'auxio.example' }), false);
});

test('from this machine, root/pass needs the Host to be localhost or an address: a rebinding page names its own domain', () => {
  for (const host of ['localhost', 'localhost:8080', 'LOCALHOST:80', '127.0.0.1:8080', '[::1]:8080', '192.0.2.10:8080', '[fe80::1]', undefined]) {
    assert.equal(namesThisMachine(host), true, String(host));
  }
  for (const host of ['evil.example', 'evil.example:8080', 'localhost.evil.example', '127.0.0.1.nip.io:8080', 'raspberrypi.local:8080', '', ':8080']) {
    assert.equal(namesThisMachine(host), false, host);
  }
  const local = { usesFactoryPassword: true, address: '127.0.0.1', allowRemote: false };
  assert.equal(factoryLoginRefused({ ...local, host: 'localhost:8080' }), false);
  assert.equal(factoryLoginRefused({ ...local, host: 'evil.example:8080' }), true);
  assert.equal(factoryLoginRefused({ ...local, allowRemote: true, host: 'evil.example:8080' }), false);
});

const basic = (user: string, password: string) => ({ authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` });

/** The real app, asked in-process as if from another machine (requests never leave this one). */
async function appWith(http: object = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'auxio-factory-'));
  const app = await createApp({
    config: validateConfig({ data_dir: dir, http: { host: '127.0.0.1', port: 0, ...http } }),
    logger: pino({ level: 'silent' }),
  });
  await app.start();
  return app;
}

test('root/pass works from this machine but not from another, until the password is changed', async () => {
  const app = await appWith();
  try {
    const local = await app.http.inject({ url: '/io/input.txt', headers: basic('root', 'pass'), remoteAddress: '127.0.0.1' });
    assert.equal(local.statusCode, 200);
    const remote = await app.http.inject({ url: '/io/relayon.txt', headers: basic('root', 'pass'), remoteAddress: '192.0.2.7' });
    assert.equal(remote.statusCode, 403);
    assert.match(remote.body, /factory login root\/pass works only from this machine/);
    assert.equal(app.hub.outputs()[0]!.active, false, 'the refused request changed nothing');
    const changed = await app.http.inject({
      method: 'PUT', url: '/api/v1/users/root', headers: { ...basic('root', 'pass'), 'content-type': 'application/json' },
      payload: { password: 'a-long-secret' }, remoteAddress: '127.0.0.1',
    });
    assert.equal(changed.statusCode, 200);
    const after = await app.http.inject({ url: '/io/relayon.txt', headers: basic('root', 'a-long-secret'), remoteAddress: '192.0.2.7' });
    assert.equal(after.body, 'Relay is On');
  } finally {
    await app.stop();
  }
});

// Found by the Host-header sweep (test/e2e/path-traversal-and-header-injection-are-refused.test.ts):
// a page on a domain that resolves to 127.0.0.1 (DNS rebinding) is same-origin to itself, and the
// browser it runs in is on this machine, so it could switch the relay with root/pass.
test('root/pass from this machine through a foreign Host name is refused and changes nothing', async () => {
  const app = await appWith();
  try {
    const headers = { ...basic('root', 'pass'), host: 'rebind.example:8080', origin: 'http://rebind.example:8080', 'sec-fetch-site': 'same-origin' };
    const res = await app.http.inject({ url: '/io/relayon.txt', headers, remoteAddress: '127.0.0.1' });
    assert.equal(res.statusCode, 403);
    assert.equal(app.hub.outputs()[0]!.active, false, 'the refused request changed nothing');
    const local = await app.http.inject({ url: '/io/relayon.txt', headers: { ...basic('root', 'pass'), host: 'localhost:8080' }, remoteAddress: '127.0.0.1' });
    assert.equal(local.body, 'Relay is On');
  } finally {
    await app.stop();
  }
});

test('http.allow_factory_login_remote lets root/pass in from elsewhere', async () => {
  const app = await appWith({ allow_factory_login_remote: true });
  try {
    const remote = await app.http.inject({ url: '/io/input.txt', headers: basic('root', 'pass'), remoteAddress: '192.0.2.7' });
    assert.equal(remote.statusCode, 200);
  } finally {
    await app.stop();
  }
});
