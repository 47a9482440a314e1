import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseChallenges } from './www-authenticate.ts';

const plain = (header: string) => parseChallenges(header).map((c) => [c.scheme, Object.fromEntries(c.params)]);

test('splits the list fetch joins from several WWW-Authenticate headers', () => {
  const header = 'Digest realm="AXIS", qop="auth,auth-int", algorithm=SHA-256, nonce="a=b/c", opaque="o", '
    + 'Digest realm="AXIS", qop="auth", algorithm=MD5, nonce="n2", Basic realm="AXIS"';
  assert.deepEqual(plain(header), [
    ['digest', { realm: 'AXIS', qop: 'auth,auth-int', algorithm: 'SHA-256', nonce: 'a=b/c', opaque: 'o' }],
    ['digest', { realm: 'AXIS', qop: 'auth', algorithm: 'MD5', nonce: 'n2' }],
    ['basic', { realm: 'AXIS' }],
  ]);
});

test('unquotes escapes, lower-cases names and schemes, tolerates spacing', () => {
  assert.deepEqual(plain('DIGEST  Realm = "a \\"b\\" \\\\c" ,NONCE=xyz,stale=TRUE'), [
    ['digest', { realm: 'a "b" \\c', nonce: 'xyz', stale: 'TRUE' }],
  ]);
});

test('token68 challenges and junk neither throw nor invent parameters', () => {
  assert.deepEqual(plain('Negotiate abc==, Basic realm="x"'), [['negotiate', {}], ['basic', { realm: 'x' }]]);
  assert.deepEqual(plain(''), []);
  assert.deepEqual(plain('=y, ,,"'), [['y', {}]]);
  assert.deepEqual(plain('Digest realm="unterminated'), [['digest', { realm: 'unterminated' }]]);
  assert.deepEqual(plain(`Basic realm="${'x'.repeat(20000)}"`), []);
});
