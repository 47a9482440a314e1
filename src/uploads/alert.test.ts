import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AlertTarget } from './alert.ts';
import { isUploadError } from './errors.ts';
import { sampleItem } from './item.fixture.ts';
import { freePort, startSilentServer } from './net.fixture.ts';
import { startHttpReceiver, startTcpReceiver } from './receivers.fixture.ts';
import { uploadErrorOf } from './upload-error.fixture.ts';

test('HTTP: POSTs the exact JSON body; item.text is the message', async (t) => {
  const receiver = await startHttpReceiver({ status: 204 });
  t.after(() => receiver.close());
  const hook = new AlertTarget({ name: 'hook', url: `${receiver.url}/hooks/door?x=1`, message: 'door open' });

  await hook.send(sampleItem());
  await hook.send(sampleItem({ text: 'Gate "B" opened' }));

  assert.equal(receiver.requests.length, 2);
  const [first, second] = receiver.requests as [(typeof receiver.requests)[0], (typeof receiver.requests)[0]];
  assert.equal(first.method, 'POST');
  assert.equal(first.path, '/hooks/door?x=1');
  assert.equal(first.headers['content-type'], 'application/json');
  assert.equal(first.headers.authorization, undefined);
  assert.equal(first.body, '{"source":"auxio","trigger":"entry 1: /I1","time":"2026-11-26T08:00:00.123Z","message":"door open"}');
  assert.equal(second.body, '{"source":"auxio","trigger":"entry 1: /I1","time":"2026-11-26T08:00:00.123Z","message":"Gate \\"B\\" opened"}');
});

test('HTTP: user info in the URL becomes a Basic login and stays out of messages', async (t) => {
  const receiver = await startHttpReceiver({ status: 401 });
  t.after(() => receiver.close());
  const hook = new AlertTarget({ name: 'hook', url: receiver.url.replace('http://', 'http://cam:p%40ss-W0rd@') + '/secret-webhook-id' });

  const err = await uploadErrorOf(hook.send(sampleItem()));

  assert.equal(receiver.requests[0]?.headers.authorization, `Basic ${Buffer.from('cam:p@ss-W0rd').toString('base64')}`);
  assert.equal(err.code, 'UPLOAD_AUTH');
  assert.equal(err.retryable, false);
  assert.equal(err.message, `upload target "hook": the server refused the login: ${receiver.url}: HTTP 401`);
});

test('HTTP: non-2xx answers are refusals, retryable only when the server may take it later', async (t) => {
  for (const [status, code, retryable] of [
    [200, undefined, undefined],
    [500, 'UPLOAD_REJECTED', true],
    [503, 'UPLOAD_REJECTED', true],
    [429, 'UPLOAD_REJECTED', true],
    [400, 'UPLOAD_REJECTED', false],
    [404, 'UPLOAD_REJECTED', false],
    [302, 'UPLOAD_REJECTED', false],
    [403, 'UPLOAD_AUTH', false],
  ] as const) {
    const receiver = await startHttpReceiver({ status });
    t.after(() => receiver.close());
    const hook = new AlertTarget({ name: 'hook', url: receiver.url });
    if (code === undefined) {
      await hook.send(sampleItem());
      continue;
    }
    const err = await uploadErrorOf(hook.send(sampleItem()));
    assert.equal(err.code, code, String(status));
    assert.equal(err.retryable, retryable, String(status));
    assert.match(err.message, new RegExp(`HTTP ${status}$`));
  }
});

test('HTTP: refused is UPLOAD_CONNECT, no answer is UPLOAD_TIMEOUT; both retryable', async (t) => {
  const refused = await uploadErrorOf(new AlertTarget({ name: 'hook', url: `http://127.0.0.1:${await freePort()}/` }).send(sampleItem()));
  assert.equal(refused.code, 'UPLOAD_CONNECT');
  assert.equal(refused.retryable, true);
  assert.match(refused.message, /ECONNREFUSED/);

  const hanging = await startHttpReceiver({ hang: true });
  t.after(() => hanging.close());
  const timedOut = await uploadErrorOf(new AlertTarget({ name: 'hook', url: hanging.url, timeoutMs: 150 }).send(sampleItem()));
  assert.equal(timedOut.code, 'UPLOAD_TIMEOUT');
  assert.equal(timedOut.retryable, true);
  assert.equal(hanging.requests.length, 1);
});

test('TCP: writes exactly one line and closes', async (t) => {
  const receiver = await startTcpReceiver();
  t.after(() => receiver.close());
  const vms = new AlertTarget({ name: 'vms', host: '127.0.0.1', port: receiver.port, message: 'door open' });

  const arrived = receiver.next();
  await vms.send(sampleItem());
  assert.equal(await arrived, 'auxio 2026-11-26T08:00:00.123Z entry 1: /I1 door open\n');

  const second = receiver.next();
  await vms.send(sampleItem({ text: 'gate' }));
  assert.equal(await second, 'auxio 2026-11-26T08:00:00.123Z entry 1: /I1 gate\n');
});

test('TCP: a line break would forge a second line, so the item is refused', async (t) => {
  const receiver = await startTcpReceiver();
  t.after(() => receiver.close());
  const vms = new AlertTarget({ name: 'vms', host: '127.0.0.1', port: receiver.port });

  for (const item of [sampleItem({ text: 'a\nauxio forged' }), sampleItem({ trigger: 'x\r' })]) {
    const err = await uploadErrorOf(vms.send(item));
    assert.equal(err.code, 'UPLOAD_INVALID');
  }
  assert.deepEqual(receiver.received, []);
});

test('TCP: refused is UPLOAD_CONNECT; a listener that never reads still gets the line', async (t) => {
  const refused = await uploadErrorOf(new AlertTarget({ name: 'vms', host: '127.0.0.1', port: await freePort() }).send(sampleItem()));
  assert.equal(refused.code, 'UPLOAD_CONNECT');
  assert.equal(refused.retryable, true);

  // The kernel takes a short line even when the application never reads it: success.
  const silent = await startSilentServer();
  t.after(() => silent.close());
  await new AlertTarget({ name: 'vms', host: '127.0.0.1', port: silent.port, timeoutMs: 150 }).send(sampleItem());
});

test('rejects bad settings when created', () => {
  const bad = [
    { name: 'a' },
    { name: 'a', url: 'http://x/', host: 'x', port: 1 },
    { name: 'a', host: 'x' },
    { name: 'a', port: 9 },
    { name: 'a', url: 'ftp://x/' },
    { name: 'a', url: 'not a url' },
    { name: 'a', url: 'http://x/', message: 'a\nb' },
    { name: 'a', host: 'x', port: 65536 },
  ];
  for (const options of bad) {
    assert.throws(() => new AlertTarget(options), (e: unknown) => isUploadError(e, 'UPLOAD_CONFIG'), JSON.stringify(options));
  }
});
