// Issue 7, security: "no secrets in logs". Every kind of secret auxio holds (user passwords, camera,
// FTP, SMTP and MQTT credentials) is used and made to fail, with the log at `trace`;
// then the log, the journal and the config API are searched for each.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { startServer } from '../support/server.ts';
import { api } from '../support/api.ts';
import { curl } from '../support/curl.ts';
import { freePort } from '../support/local-port.ts';
import { allEvents } from '../support/journal-pages.ts';
import { DigestClient } from '../support/digest-fetch.ts';

const SECRETS = {
  camera: 'cam-Secret-1',
  cameraUrl: 'url-Secret-2',
  ftp: 'ftp-Secret-3',
  smtp: 'smtp-Secret-4',
  mqtt: 'mqtt-Secret-5',
  root: 'root-Secret-6',
  operator: 'op-Secret-7',
  wrong: 'wrong-Secret-8',
};
const closed = await freePort(); // nothing listens there: every peer fails

const server = await startServer({
  config: {
    log: { level: 'trace' },
    snapshot: {
      sources: [
        { name: 'synthetic', kind: 'synthetic' },
        { name: 'door-cam', kind: 'http', url: `http://127.0.0.1:${closed}/jpg`, username: 'viewer', password: SECRETS.camera },
        { name: 'gate-cam', kind: 'http', url: `http://viewer:${SECRETS.cameraUrl}@127.0.0.1:${closed}/jpg` },
      ],
    },
    uploads: {
      retry: { attempts: 2, initial_delay_ms: 10, max_delay_ms: 20 },
      targets: [
        { name: 'nas', kind: 'ftp', host: '127.0.0.1', port: closed, user: 'cam', password: SECRETS.ftp },
        { name: 'me', kind: 'mail', host: '127.0.0.1', port: closed, user: 'cam', password: SECRETS.smtp, from: 'cam@example.org', to: ['me@example.org'] },
      ],
    },
    mqtt: { url: `mqtt://127.0.0.1:${closed}`, username: 'auxio', password: SECRETS.mqtt, reconnect_min_ms: 10, reconnect_max_ms: 50 },
  },
});
after(() => server.stop());

async function call(path: string, user: string, password: string, options: string[] = []) {
  return curl(['-u', `${user}:${password}`, ...options, `${server.url}${path}`]);
}

test('passwords, camera, FTP, SMTP and MQTT credentials appear in no log line, journal entry or config answer', async () => {
  // Users: the root password changed, an operator created, both used, wrong logins both ways.
  const json = ['-H', 'content-type: application/json'];
  assert.equal((await call('/api/v1/users/root', 'root', 'pass', ['-X', 'PUT', ...json, '-d', JSON.stringify({ password: SECRETS.root })])).status, 200);
  const created = await call('/api/v1/users/op', 'root', SECRETS.root, ['-X', 'PUT', ...json, '-d', JSON.stringify({ password: SECRETS.operator, role: 'operator' })]);
  assert.ok(created.status === 200 || created.status === 201, created.body);
  assert.equal((await call('/io/relayon.txt', 'op', SECRETS.operator, ['--digest'])).body, 'Relay is On');
  assert.equal((await call('/io/input.txt', 'op', SECRETS.wrong, ['--digest'])).status, 401);
  assert.equal((await call('/io/input.txt', 'root', SECRETS.wrong, ['--basic'])).status, 401);

  // Cameras that cannot be reached, and uploads that fail until they give up.
  for (const source of ['door-cam', 'gate-cam']) {
    const res = await call('/api/v1/snapshots', 'root', SECRETS.root, ['-X', 'POST', ...json, '-d', JSON.stringify({ source })]);
    assert.equal(res.status, 502, res.body);
    assert.doesNotMatch(res.body, /Secret/);
  }
  const script = '* * * * * /I1 :\nsnapshot;\nftp -target nas;\nmail -target me;\n%\n';
  assert.equal((await call('/api/v1/script', 'root', SECRETS.root, ['-X', 'PUT', '-H', 'content-type: text/plain', '--data-binary', script])).status, 200);
  assert.equal((await call('/api/v1/sim/inputs/1', 'root', SECRETS.root, ['-X', 'POST', ...json, '-d', '{"pulses":1}'])).status, 200);

  const auth = { user: 'root', password: SECRETS.root };
  let uploads: Array<{ data: { ok: boolean; willRetry: boolean } }> = [];
  for (let i = 0; i < 100 && uploads.filter((u) => !u.data.willRetry).length < 2; i++) {
    await sleep(50);
    uploads = (await api(server.url, '/api/v1/events?kind=upload&limit=1000', auth).catch(() => ({ body: { events: [] } }))).body.events;
  }
  assert.equal(uploads.filter((u) => !u.data.ok && !u.data.willRetry).length, 2, 'both uploads failed for good');
  await sleep(200); // a few MQTT reconnect attempts, each logged

  const config = await call('/api/v1/config', 'root', SECRETS.root);
  assert.equal(config.status, 200);
  const journal = JSON.stringify(await allEvents(new DigestClient(server.url, 'root', SECRETS.root)));
  const logs = JSON.stringify(server.logs);
  assert.ok(logs.length > 5000, 'trace logging was on');
  assert.ok(logs.includes('"level":10') || logs.includes('"level":20'), 'the log ran at trace/debug level');
  for (const [what, secret] of Object.entries(SECRETS)) {
    assert.ok(!logs.includes(secret), `the log holds the ${what} password`);
    assert.ok(!journal.includes(secret), `the journal holds the ${what} password`);
    assert.ok(!config.body.includes(secret), `GET /api/v1/config holds the ${what} password`);
  }
  assert.match(config.body, /viewer:\*\*\*@127\.0\.0\.1/, 'a URL login is shown without its password');
});
