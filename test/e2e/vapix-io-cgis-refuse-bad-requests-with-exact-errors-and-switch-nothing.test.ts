// Axis documents no error body for port.cgi (docs/vapix.md §1.2). auxio answers 400, text/plain and
// one `# Error:` line naming the fault; clients (the axis library, Network Optix) treat any status
// >= 400 as failure. Whatever is refused, nothing switches and nothing is journaled.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, type RunningServer } from '../support/server.ts';
import { curl } from '../support/curl.ts';
import { curlRaw, headerValues } from '../support/curl-raw.ts';
import { addUser, outputChanges, relayActive, vapixGet } from '../support/vapix.ts';

let server: RunningServer;

before(async () => {
  server = await startServer();
  await addUser(server.url, 'vera', 'viewer-pw-1', 'viewer');
});

after(async () => {
  await server?.stop();
});

const REFUSED: Array<[string, string]> = [
  ['/axis-cgi/io/port.cgi?action=1%3A%2F', 'Port 1 is an input'],
  ['/axis-cgi/io/port.cgi?action=2:/300%5C', 'Port 2 is an input'],
  ['/axis-cgi/io/port.cgi?action=9%3A%2F', 'Port 9 does not exist'],
  ['/axis-cgi/io/port.cgi?check=9', 'Port 9 does not exist'],
  ['/axis-cgi/io/port.cgi?checkactive=1,4', 'Port 4 does not exist'],
  ['/axis-cgi/io/port.cgi?check=1,x', "Invalid port list '1,x'"],
  ['/axis-cgi/io/port.cgi?check=0', "Invalid port list '0'"],
  ['/axis-cgi/io/port.cgi?check=', "Invalid port list ''"],
  ['/axis-cgi/io/port.cgi?action=3%3A%2F300', "Invalid action '3%3A%2F300': a wait must be followed by '/' or '\\'"],
  ['/axis-cgi/io/port.cgi?action=3:x', 'Invalid action \'3:x\': unexpected "x" at position 3'],
  ['/axis-cgi/io/port.cgi?action=3', "Invalid action '3': no ':' after the port"],
  ['/axis-cgi/io/port.cgi?action=0:/', "Invalid action '0:/': port must be a number from 1 to 9999"],
  ['/axis-cgi/io/port.cgi?action=3:/9999999%5C', "Invalid action '3:/9999999%5C': a wait is at most 3600000 ms"],
  ['/axis-cgi/io/port.cgi', 'No argument given'],
  ['/axis-cgi/io/port.cgi?monitor=1', "Unsupported argument 'monitor'"],
  ['/axis-cgi/io/port.cgi?check=1&foo=1', "Unsupported argument 'foo'"],
  // The whole request is checked first: a good check does not run when a later argument is bad.
  ['/axis-cgi/io/port.cgi?check=1&action=1:/', 'Port 1 is an input'],
  ['/axis-cgi/io/input.cgi?action=1:/', "Unsupported argument 'action'"],
  ['/axis-cgi/io/input.cgi?check=3', 'Input 3 does not exist'],
  ['/axis-cgi/io/output.cgi?action=2%3A%2F', 'Output 2 does not exist'],
  ['/axis-cgi/io/output.cgi?checkdirection=1', "Unsupported argument 'checkdirection'"],
];

for (const [path, message] of REFUSED) {
  test(`${path} → 400 "# Error: ${message}"`, async () => {
    const res = await vapixGet(server.url, path);
    assert.equal(res.status, 400);
    assert.equal(res.headers['content-type'], 'text/plain');
    assert.equal(res.body, `# Error: ${message}\n`);
  });
}

test('a viewer may read ports but gets 403 for an action', async () => {
  const read = await vapixGet(server.url, '/axis-cgi/io/port.cgi?check=1,2', 'vera:viewer-pw-1');
  assert.equal(read.status, 200);
  for (const path of ['/axis-cgi/io/port.cgi?action=3%3A%2F', '/axis-cgi/io/output.cgi?action=1:/', '/axis-cgi/io/port.cgi?check=3&action=3:/']) {
    const res = await vapixGet(server.url, path, 'vera:viewer-pw-1');
    assert.equal(res.status, 403, path);
    assert.equal(res.headers['content-type'], 'text/plain; charset=utf-8');
    assert.equal(res.body, '403 the operator role is needed for this\n');
  }
});

test('no login or a wrong password is 401 with a Digest challenge first', async () => {
  const none = await curlRaw([`${server.url}/axis-cgi/io/port.cgi?action=3%3A%2F`]);
  assert.equal(none.status, 401);
  assert.match(headerValues(none.responses[0]!, 'www-authenticate')[0] ?? '', /^Digest /);
  const wrong = await vapixGet(server.url, '/axis-cgi/io/port.cgi?action=3%3A%2F', 'root:wrong');
  assert.equal(wrong.status, 401);
});

test('POST port.cgi is 405 naming GET', async () => {
  const res = await curl(['--digest', '-u', 'root:pass', '-d', 'action=3:/', `${server.url}/axis-cgi/io/port.cgi`]);
  assert.equal(res.status, 405);
  assert.equal(res.headers.allow, 'GET');
  assert.equal(res.body, '405 POST is not allowed here; use GET\n');
});

test('HEAD with an action is refused and does not switch (HEAD is safe)', async () => {
  const res = await curl(['--head', '--digest', '-u', 'root:pass', `${server.url}/axis-cgi/io/port.cgi?action=3%3A%2F`]);
  assert.equal(res.status, 405);
  assert.equal(await relayActive(server.url), false);
});

test('nothing above switched the relay or wrote a relay entry', async () => {
  assert.equal(await relayActive(server.url), false);
  assert.deepEqual(
    (await outputChanges(server.url)).map((c) => c.actor),
    ['startup'],
  );
});
