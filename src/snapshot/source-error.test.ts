import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isSnapshotSourceError, SnapshotSourceError, sourceErrorCodes } from './source-error.ts';
import { redactSecrets } from '../util/redact.ts';

test('every code has a status and a one-slot message template', () => {
  for (const [code, { status, message }] of Object.entries(sourceErrorCodes)) {
    assert.ok([502, 503, 504].includes(status), code);
    assert.equal(message.split('%s').length, 2, `${code} has exactly one %s`);
  }
});

test('the message names the source and fills the template; the guard checks the code', () => {
  const err = new SnapshotSourceError('UPSTREAM_STATUS', { source: 'gate', detail: '500' });
  assert.equal(err.message, 'snapshot source "gate": the camera answered HTTP 500');
  assert.equal(err.status, 502);
  assert.equal(err.source, 'gate');
  assert.ok(isSnapshotSourceError(err));
  assert.ok(isSnapshotSourceError(err, 'UPSTREAM_STATUS'));
  assert.ok(!isSnapshotSourceError(err, 'UPSTREAM_AUTH'));
  assert.ok(!isSnapshotSourceError(new Error('UPSTREAM_STATUS')));
  const cause = new Error('ECONNREFUSED');
  assert.equal(new SnapshotSourceError('UPSTREAM_UNREACHABLE', { source: 'g', detail: 'x', cause }).cause, cause);
  assert.equal(new SnapshotSourceError('SOURCE_STOPPED', { source: 'g' }).message, 'snapshot source "g": the source was stopped');
});

test('redacts secrets as written, percent-encoded and in URL userinfo', () => {
  assert.equal(redactSecrets('rtsp://admin:s3cr%40t@cam:554/x: 401', []), 'rtsp://admin:***@cam:554/x: 401');
  assert.equal(redactSecrets('pwd=p@ss&x p@ss p%40ss', ['p@ss']), 'pwd=***&x *** ***');
  assert.equal(redactSecrets('nothing here', [undefined, '']), 'nothing here');
});
