import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isUploadError, UploadError, uploadErrorCodes } from './errors.ts';
import { redactSecrets } from '../util/redact.ts';

test('every code is documented, has a one-slot template and a retry default', () => {
  for (const [code, spec] of Object.entries(uploadErrorCodes)) {
    assert.match(code, /^UPLOAD_[A-Z_]+$/);
    assert.equal(spec.message.split('%s').length, 2, `${code} has exactly one %s`);
    assert.match(spec.description, /^[A-Z].{20,}\.$/, `${code} has a sentence for the docs`);
    assert.equal(typeof spec.retryable, 'boolean');
  }
  // The four a target may raise while talking to a server, as the journal and API expect them.
  for (const code of ['UPLOAD_CONNECT', 'UPLOAD_AUTH', 'UPLOAD_REJECTED', 'UPLOAD_TIMEOUT']) assert.ok(code in uploadErrorCodes, code);
});

test('the message names the target and fills the template; retryable defaults per code and can be overridden', () => {
  const err = new UploadError('UPLOAD_CONNECT', { target: 'nas', detail: 'ftp://nas:21 (ECONNREFUSED)' });
  assert.equal(err.message, 'upload target "nas": cannot reach the server: ftp://nas:21 (ECONNREFUSED)');
  assert.equal(err.name, 'UploadError');
  assert.equal(err.retryable, true);
  assert.equal(new UploadError('UPLOAD_REJECTED', { target: 'nas' }).retryable, false);
  assert.equal(new UploadError('UPLOAD_REJECTED', { target: 'nas', retryable: true }).retryable, true);
  assert.equal(new UploadError('UPLOAD_CANCELLED', { target: 'nas' }).message, 'upload target "nas": cancelled: the upload queue stopped');
  // `$&` in a detail is text, not a replacement pattern.
  assert.equal(new UploadError('UPLOAD_INTERNAL', { target: 'n', detail: 'a $& b' }).message, 'upload target "n": unexpected failure: a $& b');
});

test('the guard checks the class and, if given, the code', () => {
  const err = new UploadError('UPLOAD_AUTH', { target: 'nas' });
  assert.ok(isUploadError(err));
  assert.ok(isUploadError(err, 'UPLOAD_AUTH'));
  assert.ok(!isUploadError(err, 'UPLOAD_CONNECT'));
  assert.ok(!isUploadError(Object.assign(new Error('x'), { code: 'UPLOAD_AUTH' })));
});

test('secrets never reach the message: as written, percent-encoded, or as URL user info', () => {
  const err = new UploadError('UPLOAD_AUTH', { target: 'nas', detail: '530 no user cam pass p@ss (p%40ss)', secrets: ['p@ss', undefined] });
  assert.equal(err.message, 'upload target "nas": the server refused the login: 530 no user cam pass *** (***)');
  assert.equal(redactSecrets('see http://cam:hunter2@nas/x', []), 'see http://cam:***@nas/x');
  assert.equal(redactSecrets('nothing here', ['', undefined]), 'nothing here');
});
