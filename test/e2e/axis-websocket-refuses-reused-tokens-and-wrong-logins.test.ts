import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, type RunningServer } from '../support/server.ts';
import { api } from '../support/api.ts';
import { AxisEventClient, fetchToken } from '../support/axis-ws.ts';

let server: RunningServer;
let wsBase: string;
before(async () => {
  server = await startServer();
  wsBase = `${server.url.replace(/^http/, 'ws')}/vapix/ws-data-stream?sources=events`;
});
after(async () => {
  await server.stop();
});

const basic = (user: string, password: string) => ({ authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` });

async function refusedStatus(url: string, headers: Record<string, string> = {}): Promise<number> {
  try {
    const client = await AxisEventClient.connect(url, headers);
    client.close();
    return 101;
  } catch (err) {
    return (err as { status?: number }).status ?? 0;
  }
}

test('a token works once; reused it is refused with 401', async () => {
  const token = await fetchToken(server.url);
  const client = await AxisEventClient.connect(`${wsBase}&wssession=${token}`);
  client.close();
  assert.equal(await refusedStatus(`${wsBase}&wssession=${token}`), 401);
});

test('an unknown token, no login and a wrong password are refused; Basic login works', async () => {
  assert.equal(await refusedStatus(`${wsBase}&wssession=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`), 401);
  assert.equal(await refusedStatus(wsBase), 401);
  assert.equal(await refusedStatus(wsBase, basic('root', 'wrong')), 401);
  assert.equal(await refusedStatus(wsBase, basic('root', 'pass')), 101);
  const failures = await api(server.url, '/api/v1/events?kind=auth_failed');
  const reasons = failures.body.events.map((e: { data: { reason: string } }) => e.data.reason);
  assert.ok(reasons.includes('bad-token') && reasons.includes('bad-password'), `journal says: ${reasons}`);
});

test('a viewer may stream events; the wssession token needs a login', async () => {
  await api(server.url, '/api/v1/users/watcher', { method: 'PUT', body: { password: 'watch-it', role: 'viewer' } });
  const client = await AxisEventClient.withToken(server.url, 'watcher', 'watch-it');
  client.configure();
  await client.until(() => client.events.length >= 3);
  client.close();
  const anonymous = await fetch(`${server.url}/axis-cgi/wssession.cgi`);
  assert.equal(anonymous.status, 401);
});

test('only /vapix/ws-data-stream with sources=events upgrades', async () => {
  assert.equal(await refusedStatus(`${server.url.replace(/^http/, 'ws')}/elsewhere`, basic('root', 'pass')), 404);
  assert.equal(await refusedStatus(`${server.url.replace(/^http/, 'ws')}/vapix/ws-data-stream?sources=video`, basic('root', 'pass')), 400);
});
