import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AlertTarget, createUploadTarget, FtpTarget, isUploadError, MailTarget } from './index.ts';

test('builds the class of each kind, by a table', () => {
  const ftp = createUploadTarget({ kind: 'ftp', name: 'nas', host: 'nas.local' });
  const mail = createUploadTarget({ kind: 'mail', name: 'office', host: 'smtp.local', from: 'a@b', to: ['c@d'] });
  const alert = createUploadTarget({ kind: 'alert', name: 'vms', host: 'vms.local', port: 9000 });
  assert.ok(ftp instanceof FtpTarget && ftp.kind === 'ftp' && ftp.name === 'nas');
  assert.ok(mail instanceof MailTarget && mail.kind === 'mail' && mail.name === 'office');
  assert.ok(alert instanceof AlertTarget && alert.kind === 'alert' && alert.name === 'vms');
});

test('passes on the options checks', () => {
  assert.throws(() => createUploadTarget({ kind: 'alert', name: 'vms' }), (e: unknown) => isUploadError(e, 'UPLOAD_CONFIG'));
});
