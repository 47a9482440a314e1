import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatLocalTimestamp } from '../snapshot/index.ts';
import { isUploadError } from './errors.ts';
import { sampleItem } from './item.fixture.ts';
import { MailTarget } from './mail.ts';
import type { MailTargetOptions } from './mail.ts';
import { parseMime } from './mime.fixture.ts';
import { freePort, startSilentServer } from './net.fixture.ts';
import { startSmtpServer } from './smtp-server.fixture.ts';
import { uploadErrorOf } from './upload-error.fixture.ts';

const addresses = { from: 'camera@example.com', to: ['guard@example.com', 'boss@example.com'] };

function target(port: number, more: Partial<MailTargetOptions> = {}): MailTarget {
  return new MailTarget({ name: 'office', host: '127.0.0.1', port, ...addresses, ...more });
}

test('the message arrives with subject, body and the JPEG attached, bytes intact', async (t) => {
  const server = await startSmtpServer();
  t.after(() => server.close());
  const item = sampleItem();

  await target(server.port).send(item);

  assert.equal(server.mails.length, 1);
  const mail = server.mails[0]!;
  assert.equal(mail.from, addresses.from);
  assert.deepEqual(mail.to, addresses.to);
  const { headers, parts } = parseMime(mail.raw);
  assert.equal(headers.get('subject'), `[auxio] entry 1: /I1 ${formatLocalTimestamp(item.takenAt)}`);
  assert.match(headers.get('subject')!, /^\[auxio\] entry 1: \/I1 \d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.123$/);
  assert.equal(parts.length, 2);
  const [text, picture] = parts as [typeof parts[0], typeof parts[0]];
  assert.match(text.headers.get('content-type')!, /^text\/plain/);
  assert.equal(text.body.toString(), `entry 1: /I1 at ${formatLocalTimestamp(item.takenAt)}.\nPicture ${item.fileName} attached.\n`.replace(/\n/g, '\r\n'));
  assert.match(picture.headers.get('content-type')!, /^image\/jpeg; name=2026-11-26_080000_123\.jpg$/);
  assert.match(picture.headers.get('content-disposition')!, /^attachment; filename=2026-11-26_080000_123\.jpg$/);
  assert.deepEqual(picture.body, item.jpeg);
});

test('item.text is the subject; without a JPEG there is no attachment', async (t) => {
  const server = await startSmtpServer();
  t.after(() => server.close());

  await target(server.port, { subjectPrefix: 'ignored' }).send(sampleItem({ jpeg: undefined, text: 'Door opened' }));

  const { headers, parts } = parseMime(server.mails[0]!.raw);
  assert.equal(headers.get('subject'), 'Door opened');
  assert.equal(parts.length, 1);
  assert.match(parts[0]!.headers.get('content-type')!, /^text\/plain/);
});

test('logs in when configured; a wrong password is UPLOAD_AUTH, not retryable, never in the message', async (t) => {
  const server = await startSmtpServer({ auth: { user: 'cam', password: 'right-Pa55' } });
  t.after(() => server.close());

  await target(server.port, { user: 'cam', password: 'right-Pa55' }).send(sampleItem());
  assert.equal(server.mails[0]?.user, 'cam');

  const err = await uploadErrorOf(target(server.port, { user: 'cam', password: 'wrong-Pa55' }).send(sampleItem()));
  assert.equal(err.code, 'UPLOAD_AUTH');
  assert.equal(err.retryable, false);
  assert.match(err.message, /^upload target "office": the server refused the login: smtp:\/\/127\.0\.0\.1:\d+: 535 /);
  assert.doesNotMatch(err.message, /Pa55/);
  assert.equal(server.mails.length, 1);

  const anonymous = await uploadErrorOf(target(server.port).send(sampleItem()));
  assert.equal(anonymous.code, 'UPLOAD_AUTH', 'the server demands a login this target does not have');
  assert.equal(anonymous.retryable, false);
});

test('a refused recipient is UPLOAD_REJECTED: 4xx retryable, 5xx not', async (t) => {
  for (const [responseCode, retryable] of [[450, true], [550, false]] as const) {
    const server = await startSmtpServer({
      server: {
        onRcptTo(_address, _session, callback) {
          callback(Object.assign(new Error('mailbox unavailable'), { responseCode }));
        },
      },
    });
    t.after(() => server.close());

    const err = await uploadErrorOf(target(server.port).send(sampleItem()));

    assert.equal(err.code, 'UPLOAD_REJECTED', String(responseCode));
    assert.equal(err.retryable, retryable, String(responseCode));
    assert.match(err.message, new RegExp(` ${responseCode} `));
  }
});

test('a closed port is UPLOAD_CONNECT, retryable; silence is UPLOAD_TIMEOUT', async (t) => {
  const refused = await uploadErrorOf(target(await freePort()).send(sampleItem()));
  assert.equal(refused.code, 'UPLOAD_CONNECT');
  assert.equal(refused.retryable, true);
  assert.match(refused.message, /ECONNREFUSED/);

  const silent = await startSilentServer();
  t.after(() => silent.close());
  const timedOut = await uploadErrorOf(target(silent.port, { timeoutMs: 150 }).send(sampleItem()));
  assert.equal(timedOut.code, 'UPLOAD_TIMEOUT');
  assert.equal(timedOut.retryable, true);
});

test('an untrusted TLS certificate is UPLOAD_CONNECT and not retryable', async (t) => {
  // smtp-server's built-in certificate is self-signed: exactly what a client must refuse.
  const server = await startSmtpServer({ server: { secure: true } });
  t.after(() => server.close());

  const err = await uploadErrorOf(target(server.port, { secure: true }).send(sampleItem()));

  assert.equal(err.code, 'UPLOAD_CONNECT');
  assert.equal(err.retryable, false);
  assert.equal(server.mails.length, 0);
});

test('a line break in a header field is refused before connecting', async () => {
  const mail = target(await freePort());
  for (const item of [sampleItem({ text: 'Door\r\nBcc: all@example.com' }), sampleItem({ trigger: 'x\ny' })]) {
    const err = await uploadErrorOf(mail.send(item));
    assert.equal(err.code, 'UPLOAD_INVALID');
  }
});

test('rejects bad settings when created', () => {
  const base = { name: 'm', host: 'h', ...addresses };
  for (const bad of [{ to: [] }, { from: '' }, { to: ['a@b', 'c@d\r\n'] }, { subjectPrefix: 'a\nb' }, { user: 'u' }, { port: 70000 }]) {
    assert.throws(() => new MailTarget({ ...base, ...bad }), (e: unknown) => isUploadError(e, 'UPLOAD_CONFIG'), JSON.stringify(bad));
  }
});
