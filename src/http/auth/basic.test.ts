import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildBasicChallenge, parseBasicAuthorization } from './basic.ts';

const encode = (text: string, encoding: BufferEncoding = 'utf8'): string => Buffer.from(text, encoding).toString('base64');

function credentials(header: string): { username: string; password: string } {
  const result = parseBasicAuthorization(header);
  assert.ok(result.ok, result.ok ? '' : result.error);
  return result.credentials;
}

test('user and password; the password may contain ":" and be empty', () => {
  assert.deepEqual(credentials('Basic cm9vdDpwYXNz'), { username: 'root', password: 'pass' });
  assert.deepEqual(credentials(`basic ${encode('root:a:b::')}`), { username: 'root', password: 'a:b::' });
  assert.deepEqual(credentials(`BASIC   ${encode('root:')}`), { username: 'root', password: '' });
});

test('UTF-8 per RFC 7617, Latin-1 from older tools, missing padding', () => {
  assert.deepEqual(credentials(`Basic ${encode('jürgen:pässword')}`), { username: 'jürgen', password: 'pässword' });
  assert.deepEqual(credentials(`Basic ${encode('root:pässword', 'latin1')}`), { username: 'root', password: 'pässword' });
  assert.deepEqual(credentials(`Basic ${encode('a:bc').replace(/=+$/, '')}`), { username: 'a', password: 'bc' });
});

test('malformed Basic headers are errors, not throws', () => {
  for (const bad of [
    'Basic', 'Basic ', 'Basic !!!!', `Basic ${encode('nocolon')}`, 'Basic cm9vdDpwYXNz extra',
    `Basic ${encode('a\n:b')}`, `Basic ${encode('a:b\u0000')}`, 'Basic =', 'Basic A', 'Basic AAAAA',
    '', ' ', `Basic ${'A'.repeat(100_000)}`,
  ]) {
    const result = parseBasicAuthorization(bad);
    assert.equal(result.ok, false, bad.slice(0, 40));
    if (!result.ok) assert.equal(result.reason, 'malformed', bad.slice(0, 40));
  }
});

test('another scheme is unsupported', () => {
  const result = parseBasicAuthorization('Bearer abc');
  assert.equal(result.ok, false);
  if (!result.ok) assert.equal(result.reason, 'unsupported');
});

test('the challenge names the realm', () => {
  assert.equal(buildBasicChallenge('auxio'), 'Basic realm="auxio"');
});
