import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAX_AUTHORIZATION_LENGTH, parseAuthParams, quoteString, splitAuthorization } from './auth-params.ts';

function params(text: string): Record<string, string> {
  const result = parseAuthParams(text);
  assert.ok(result.ok, result.ok ? '' : result.error);
  return Object.fromEntries(result.params);
}

test('quoted and bare values, any spacing, names folded to lower case', () => {
  assert.deepEqual(params('Realm="a b",QOP=auth ,  nc = 00000001,,  uri="/x?y=1,2"'), {
    realm: 'a b', qop: 'auth', nc: '00000001', uri: '/x?y=1,2',
  });
});

test('backslash escapes in quoted strings are undone', () => {
  assert.deepEqual(params('a="say \\"hi\\" \\\\ there"'), { a: 'say "hi" \\ there' });
});

test('bare values may hold "/" and "=" as real clients send them', () => {
  assert.deepEqual(params('nonce=abc/def==, x=1'), { nonce: 'abc/def==', x: '1' });
});

test('an empty list and empty quoted values are fine', () => {
  assert.deepEqual(params(''), {});
  assert.deepEqual(params('opaque=""'), { opaque: '' });
});

test('broken parameter lists are errors, not throws', () => {
  for (const bad of [
    'a="unterminated', 'a="ends in backslash\\', 'a', 'a=', '=b', 'a=b c=d', 'a=b, a=c', 'a=b"c"',
    'A=1, a=2', '"a"=b', Array.from({ length: 40 }, (_, i) => `p${i}=1`).join(','),
  ]) {
    const result = parseAuthParams(bad);
    assert.equal(result.ok, false, bad);
  }
});

test('splitAuthorization lower-cases the scheme and keeps the rest', () => {
  assert.deepEqual(splitAuthorization('  DIGEST   a=1  '), { scheme: 'digest', rest: 'a=1' });
  assert.deepEqual(splitAuthorization('Digest'), { scheme: 'digest', rest: '' });
  assert.deepEqual(splitAuthorization('Basic\tYTpi'), { scheme: 'basic', rest: 'YTpi' });
  assert.equal(splitAuthorization(''), undefined);
  assert.equal(splitAuthorization('"Digest" a=1'), undefined);
  assert.equal(splitAuthorization('Digest,a=1'), undefined);
  assert.equal(splitAuthorization(`Digest ${'a'.repeat(MAX_AUTHORIZATION_LENGTH)}`), undefined);
});

test('quoteString escapes quotes and refuses line breaks', () => {
  assert.equal(quoteString('a "b" \\c'), '"a \\"b\\" \\\\c"');
  assert.throws(() => quoteString('a\r\nSet-Cookie: x'), TypeError);
  assert.throws(() => quoteString('a\u0000'), TypeError);
});

test('a raw backslash closing a quoted uri (as curl sends it) is kept, not taken as an escape', () => {
  const parsed = parseAuthParams('username="root", uri="/axis-cgi/io/port.cgi?action=3:\\", response="abc"');
  assert.ok(parsed.ok);
  assert.equal(parsed.ok && parsed.params.get('uri'), '/axis-cgi/io/port.cgi?action=3:\\');
  assert.equal(parsed.ok && parsed.params.get('response'), 'abc');
  const escaped = parseAuthParams('username="a\\"b", realm="r"');
  assert.equal(escaped.ok && escaped.params.get('username'), 'a"b', 'an escape inside a value still works');
});
