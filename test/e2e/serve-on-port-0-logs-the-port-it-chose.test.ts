// `auxio serve --port 0` lets the system pick a free port and says which in its log, so scripts
// (and these tests) can find it.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, type RunningServer } from '../support/server.ts';
import { curl } from '../support/curl.ts';

let server: RunningServer;

before(async () => {
  server = await startServer();
});

after(async () => {
  await server?.stop();
});

test('the log names the chosen port, and the server answers on it', async () => {
  const lines = server.logs.filter((l) => typeof l.msg === 'string' && /^auxio \S+ listening on /.test(l.msg));
  assert.equal(lines.length, 1, JSON.stringify(server.logs));
  const [line] = lines as [Record<string, unknown>];
  assert.equal(typeof line.port, 'number');
  assert.notEqual(line.port, 0);
  assert.ok((line.port as number) > 0 && (line.port as number) < 65536);
  assert.equal(line.address, '127.0.0.1');
  assert.match(String(line.msg), new RegExp(`^auxio \\d+\\.\\d+\\.\\d+\\S* listening on http://127\\.0\\.0\\.1:${line.port}$`));
  const res = await curl(['--digest', '-u', 'root:pass', `http://127.0.0.1:${line.port}/io/`]);
  assert.equal(res.status, 200);
});
