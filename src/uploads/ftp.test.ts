import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { isUploadError } from './errors.ts';
import { startFtpServer } from './ftp-server.fixture.ts';
import { FtpTarget } from './ftp.ts';
import { sampleItem } from './item.fixture.ts';
import { freePort, startSilentServer } from './net.fixture.ts';
import { uploadErrorOf } from './upload-error.fixture.ts';

test('uploads under a temporary name, renames it, and the bytes arrive intact', async (t) => {
  const server = await startFtpServer();
  t.after(() => server.close());
  const item = sampleItem();
  const target = new FtpTarget({ name: 'nas', host: '127.0.0.1', port: server.port, user: 'cam', password: 's3cret' });

  await target.send(item);

  assert.deepEqual(server.events, [
    `STOR .${item.fileName}.tmp`,
    `RNFR .${item.fileName}.tmp (${item.jpeg!.length} bytes)`,
    `RNTO ${item.fileName}`,
  ]);
  assert.deepEqual(await readFile(join(server.root, item.fileName)), item.jpeg);
  assert.deepEqual(await readdir(server.root), [item.fileName], 'no temp file is left behind');
});

test('creates the folder, every missing level, and uploads into it', async (t) => {
  const server = await startFtpServer();
  t.after(() => server.close());
  const item = sampleItem();
  const target = new FtpTarget({ name: 'nas', host: '127.0.0.1', port: server.port, user: 'cam', password: 's3cret', dir: '/door/front' });

  await target.send(item);
  await target.send(sampleItem({ fileName: 'second.jpg' })); // the folder exists now

  assert.deepEqual(await readFile(join(server.root, 'door', 'front', item.fileName)), item.jpeg);
  assert.deepEqual((await readdir(join(server.root, 'door', 'front'))).sort(), [item.fileName, 'second.jpg'].sort());
  assert.deepEqual(server.events.slice(0, 2), ['MKD door', 'MKD front']);
});

test('a wrong password is UPLOAD_AUTH, not retryable, and the message never holds the password', async (t) => {
  // A server that quotes what it was sent: the password must still not reach the message.
  const server = await startFtpServer({ rejectText: 'bad login cam/wrong-Pa55' });
  t.after(() => server.close());
  const target = new FtpTarget({ name: 'nas', host: '127.0.0.1', port: server.port, user: 'cam', password: 'wrong-Pa55' });

  const err = await uploadErrorOf(target.send(sampleItem()));

  assert.equal(err.code, 'UPLOAD_AUTH');
  assert.equal(err.retryable, false);
  assert.equal(err.target, 'nas');
  assert.match(err.message, /^upload target "nas": the server refused the login: ftp:\/\/127\.0\.0\.1:\d+: 530 /);
  assert.doesNotMatch(err.message, /wrong-Pa55/);
  assert.deepEqual(server.events, []);
});

test('a closed port is UPLOAD_CONNECT and retryable', async () => {
  const port = await freePort();
  const target = new FtpTarget({ name: 'nas', host: '127.0.0.1', port });

  const err = await uploadErrorOf(target.send(sampleItem()));

  assert.equal(err.code, 'UPLOAD_CONNECT');
  assert.equal(err.retryable, true);
  assert.match(err.message, /ECONNREFUSED/);
});

test('a server that never greets is UPLOAD_TIMEOUT after timeoutMs', async (t) => {
  const silent = await startSilentServer();
  t.after(() => silent.close());
  const target = new FtpTarget({ name: 'nas', host: '127.0.0.1', port: silent.port, timeoutMs: 150 });

  const started = Date.now();
  const err = await uploadErrorOf(target.send(sampleItem()));

  assert.equal(err.code, 'UPLOAD_TIMEOUT');
  assert.equal(err.retryable, true);
  assert.ok(Date.now() - started < 2000, 'gave up near the timeout');
});

test('refuses items it cannot send, before connecting', async () => {
  const target = new FtpTarget({ name: 'nas', host: '127.0.0.1', port: await freePort() });
  for (const item of [sampleItem({ jpeg: undefined }), sampleItem({ fileName: '../x.jpg' }), sampleItem({ fileName: 'a.jpg\r\nDELE b' }), sampleItem({ fileName: '..' })]) {
    const err = await uploadErrorOf(target.send(item));
    assert.equal(err.code, 'UPLOAD_INVALID');
    assert.equal(err.retryable, false);
  }
});

test('rejects bad settings when created', () => {
  const bad = [
    { name: '', host: 'h' },
    { name: 'n', host: '' },
    { name: 'n', host: 'h', port: 0 },
    { name: 'n', host: 'h', dir: 'a\nb' },
    { name: 'n', host: 'h', timeoutMs: 0 },
    { name: 'n', host: 'h', user: 'cam\r\nDELE x' },
    { name: 'n', host: 'h', password: 'a\nb' },
  ];
  for (const options of bad) {
    assert.throws(() => new FtpTarget(options), (e: unknown) => isUploadError(e, 'UPLOAD_CONFIG'), JSON.stringify(options));
  }
});
