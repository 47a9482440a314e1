// Password guessing is slowed per remote address (src/http/auth/login-throttle.ts: 5 free
// failures, then 250 ms doubling): the 7th failure in a row must take clearly longer than the 1st,
// another address is not slowed, and a good login forgives the address.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, type RunningServer } from '../support/server.ts';
import { curlRaw, headerValues } from '../support/curl-raw.ts';
import { DigestClient } from '../support/digest-fetch.ts';

let server: RunningServer;

before(async () => {
  server = await startServer();
});

after(async () => {
  await server?.stop();
});

/** One wrong Basic login with the real curl, from `source` (curl binds it as the client address). */
async function wrongLogin(source = '127.0.0.1'): Promise<number> {
  const run = await curlRaw(['--interface', source, '--basic', '-u', 'root:guess', '-w', '%{time_total}', `${server.url}/io/input.txt`]);
  assert.equal(run.status, 401);
  // A slowed answer is still a proper challenge.
  assert.equal(headerValues(run.responses[0]!, 'www-authenticate').length, 2);
  // curl's own time of the exchange, without the cost of starting curl.
  const seconds = Number(/(\d+\.\d+)$/.exec(run.body)?.[1]);
  assert.ok(Number.isFinite(seconds), run.body);
  return seconds * 1000;
}

const times: number[] = [];

test('the 7th failure in a row from one address takes noticeably longer than the 1st', async () => {
  for (let i = 0; i < 7; i++) times.push(await wrongLogin());
  const seventh = times[6]!;
  // The quickest of the free failures is the baseline, so one slow start under load does not hide the delay.
  const free = Math.min(...times.slice(0, 5));
  // With the default tuning (5 free failures, then 250 ms doubling) the 7th waits ~500 ms.
  assert.ok(seventh - free >= 400, `7th failure took ${seventh} ms, the first five ${times.slice(0, 5).join(', ')} ms`);
});

test('another address is not slowed by the first one\'s failures', async () => {
  const other = await wrongLogin('127.0.0.2');
  assert.ok(other < (times[6] ?? 0) - 300, `127.0.0.2 took ${other} ms; 127.0.0.1's 7th took ${times[6]} ms`);
  const root = new DigestClient(server.url, 'root', 'pass');
  const res = await root.request('/api/v1/events?kind=auth_failed&limit=1000');
  const addresses = JSON.parse(res.text).events.map((e: { data: { address: string } }) => e.data.address);
  assert.deepEqual(addresses, [...Array(7).fill('127.0.0.1'), '127.0.0.2']);
});

test('a good login from the address forgives its failures', async () => {
  const root = new DigestClient(server.url, 'root', 'pass');
  assert.equal((await root.request('/io/input.txt')).status, 200);
  const after = await wrongLogin();
  assert.ok(after < (times[6] ?? 0) - 300, `failure after a good login took ${after} ms; the 7th took ${times[6]} ms`);
});
