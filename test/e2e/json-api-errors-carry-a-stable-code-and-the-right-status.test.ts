// Every JSON API error is `{"error":{"code","message"}}` with the status its code stands for
// (src/http/errors.ts, STYLE.md "Errors"); clients branch on `code`, people read `message`.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { api } from '../support/api.ts';
import { startServer, type RunningServer } from '../support/server.ts';
import { DigestClient, type DigestAnswer } from '../support/digest-fetch.ts';

let server: RunningServer;
let root: DigestClient;
let viewer: DigestClient;

before(async () => {
  server = await startServer();
  root = new DigestClient(server.url, 'root', 'pass');
  viewer = new DigestClient(server.url, 'vic', 'viewer-pw');
  const created = await root.request('/api/v1/users/vic', {
    method: 'PUT',
    body: JSON.stringify({ password: 'viewer-pw', role: 'viewer' }),
    headers: { 'content-type': 'application/json' },
  });
  assert.equal(created.status, 201, created.text);
});

after(async () => {
  await server?.stop();
});

const JSON_TYPE = { 'content-type': 'application/json' };

/** Asserts the status, the JSON content type and the exact error body; returns the message. */
function assertError(res: DigestAnswer, status: number, code: string, message?: string | RegExp): string {
  assert.equal(res.status, status, res.text);
  assert.equal(res.headers.get('content-type'), 'application/json; charset=utf-8');
  const body = JSON.parse(res.text);
  assert.deepEqual(Object.keys(body), ['error']);
  assert.deepEqual(Object.keys(body.error).sort(), ['code', 'message']);
  assert.equal(body.error.code, code);
  assert.equal(typeof body.error.message, 'string');
  if (typeof message === 'string') assert.equal(body.error.message, message);
  else if (message) assert.match(body.error.message, message);
  return body.error.message;
}

const putOutput = (body: string, n = '1', headers: Record<string, string> = JSON_TYPE) =>
  root.request(`/api/v1/outputs/${n}`, { method: 'PUT', body, headers });

test('400 BAD_REQUEST for a body that is not JSON', async () => {
  assertError(await putOutput('{"active":'), 400, 'BAD_REQUEST', /^bad request: /);
});

test('400 INVALID_BODY names the bad field of a body or query', async () => {
  assertError(await putOutput('{"pulseMs":0}'), 400, 'INVALID_BODY', /^invalid body: pulseMs: /);
  assertError(await putOutput('{"active":true,"extra":1}'), 400, 'INVALID_BODY', 'invalid body: unknown field extra');
  assertError(await putOutput('{}'), 400, 'INVALID_BODY', /^invalid body: /);
  assertError(await root.request('/api/v1/events?limit=0'), 400, 'INVALID_BODY', /^invalid body: limit: /);
  assertError(await root.request('/api/v1/events?bogus=1'), 400, 'INVALID_BODY', 'invalid body: unknown field bogus');
  const sim = await root.request('/api/v1/sim/inputs/1', { method: 'POST', body: '{"pulses":0}', headers: JSON_TYPE });
  assertError(sim, 400, 'INVALID_BODY', /^invalid body: pulses: /);
});

test('400 INVALID_BODY for a wrongly typed field names that field', async () => {
  // {"active":"yes"} is the commonest client mistake; "Invalid input" does not say what is wrong.
  // Today both answer "invalid body: Invalid input": parseWith reports zod's invalid_union issue,
  // whose path is empty, instead of the issue of the branch the body was meant for.
  assertError(await putOutput('{"active":"yes"}'), 400, 'INVALID_BODY', /^invalid body: active: /);
  assertError(await putOutput('{"pulseMs":1.5}'), 400, 'INVALID_BODY', /^invalid body: pulseMs: /);
});

test('401 AUTH_REQUIRED without a login, with the challenges', async () => {
  const res = await fetch(`${server.url}/api/v1/io`);
  assertError({ status: res.status, headers: res.headers, text: await res.text() }, 401, 'AUTH_REQUIRED', 'login required');
  assert.match(res.headers.get('www-authenticate') ?? '', /^Digest realm="auxio", .*, Basic realm="auxio"$/);
});

test('403 FORBIDDEN for a role too weak, naming the role needed', async () => {
  const res = await viewer.request('/api/v1/outputs/1', { method: 'PUT', body: '{"active":true}', headers: JSON_TYPE });
  assertError(res, 403, 'FORBIDDEN', 'the operator role is needed for this');
  assertError(await viewer.request('/api/v1/users'), 403, 'FORBIDDEN', 'the admin role is needed for this');
});

test('404 NOT_FOUND for an unknown path and for output 9', async () => {
  assertError(await root.request('/api/v1/nope'), 404, 'NOT_FOUND', 'path not found');
  assertError(await putOutput('{"active":true}', '9'), 404, 'NOT_FOUND', 'output 9 not found');
  assertError(await root.request('/api/v1/outputs/0'), 404, 'NOT_FOUND', 'output 0 not found');
  const sim = await root.request('/api/v1/sim/inputs/3', { method: 'POST', body: '{"level":1}', headers: JSON_TYPE });
  assertError(sim, 404, 'NOT_FOUND', 'input 3 not found');
  assertError(await root.request('/api/v1/users/nobody', { method: 'DELETE' }), 404, 'NOT_FOUND', 'user nobody not found');
});

test('404 NOT_SIMULATED for the sim API on an input wired to real hardware', async () => {
  // Input 2 on a Modbus module that is not there: a fault, and no simulator to play.
  const mixed = await startServer({
    config: {
      io: {
        backends: { sim: { kind: 'sim' }, yard: { kind: 'modbus-tcp', host: '127.0.0.1', port: 1, inputs: [{ address: 0 }] } },
        inputs: [{ backend: 'sim' }, { backend: 'yard' }],
        outputs: [{ backend: 'sim' }],
      },
    },
  });
  try {
    const res = await api(mixed.url, '/api/v1/sim/inputs/2', { method: 'POST', body: { level: 1 } });
    assert.equal(res.status, 404);
    assert.deepEqual(res.body, { error: { code: 'NOT_SIMULATED', message: 'the simulator is not the backend of input 2' } });
    assert.equal((await api(mixed.url, '/api/v1/sim/inputs/1', { method: 'POST', body: { level: 1 } })).status, 200);
  } finally {
    await mixed.stop();
  }
});

test('405 METHOD_NOT_ALLOWED for a wrong method, with Allow', async () => {
  const del = await root.request('/api/v1/io', { method: 'DELETE' });
  assertError(del, 405, 'METHOD_NOT_ALLOWED', 'DELETE is not allowed here; use GET');
  assert.equal(del.headers.get('allow'), 'GET');
  const post = await root.request('/api/v1/outputs/1', { method: 'POST', body: '{"active":true}', headers: JSON_TYPE });
  assertError(post, 405, 'METHOD_NOT_ALLOWED', 'POST is not allowed here; use GET, PUT');
  assert.equal(post.headers.get('allow'), 'GET, PUT');
});

test('413 PAYLOAD_TOO_LARGE for a 100 KB body with the default 64 KiB limit', async () => {
  const body = JSON.stringify({ active: true, pad: 'x'.repeat(100 * 1024) });
  assertError(await putOutput(body), 413, 'PAYLOAD_TOO_LARGE', 'request body is larger than 65536 bytes');
});

test('415 UNSUPPORTED_MEDIA_TYPE for a form body', async () => {
  const res = await putOutput('active=true', '1', { 'content-type': 'application/x-www-form-urlencoded' });
  assertError(res, 415, 'UNSUPPORTED_MEDIA_TYPE', 'content type application/x-www-form-urlencoded is not accepted here');
});

test('409 CONFLICT when the last admin would be deleted', async () => {
  assertError(await root.request('/api/v1/users/root', { method: 'DELETE' }), 409, 'CONFLICT', 'the last admin cannot be deleted');
});

test('none of the refused calls switched the relay', async () => {
  const res = await root.request('/api/v1/events?channel=output1');
  assert.deepEqual(
    JSON.parse(res.text).events.map((e: { actor: string }) => e.actor),
    ['startup'],
  );
});
