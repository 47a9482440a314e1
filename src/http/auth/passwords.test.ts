import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ha1, hashPassword, makeCredential, verifyPassword } from './passwords.ts';

test('a hash verifies its own password and no other', () => {
  const hash = hashPassword('pass:word ünïcode');
  assert.match(hash, /^scrypt\$16384\$8\$1\$[A-Za-z0-9_-]+\$[A-Za-z0-9_-]+$/);
  assert.equal(verifyPassword('pass:word ünïcode', hash), true);
  assert.equal(verifyPassword('pass:word unicode', hash), false);
  assert.equal(verifyPassword('', hash), false);
});

test('the salt is random: the same password hashes differently', () => {
  assert.notEqual(hashPassword('pass'), hashPassword('pass'));
});

test('cost parameters travel inside the hash', () => {
  const hash = hashPassword('pass', { N: 1024, r: 4, p: 2 });
  assert.match(hash, /^scrypt\$1024\$4\$2\$/);
  assert.equal(verifyPassword('pass', hash), true);
});

test('a malformed or hostile stored hash verifies nothing and does not throw', () => {
  const good = hashPassword('pass');
  const [, , , , salt, key] = good.split('$');
  for (const bad of [
    '', 'pass', 'scrypt$$$$$', good.replace('scrypt', 'bcrypt'), `${good}$x`,
    `scrypt$16383$8$1$${salt}$${key}`, // N not a power of two
    `scrypt$1073741824$8$1$${salt}$${key}`, // 2^30: gigabytes of memory
    `scrypt$16384$8$1$${salt}$`, `scrypt$16384$8$1$$${key}`, `scrypt$-2$8$1$${salt}$${key}`,
  ]) {
    assert.equal(verifyPassword('pass', bad), false, bad);
  }
  assert.equal(verifyPassword('pass', undefined as never), false);
});

test('HA1 is H(username:realm:password) in hex', () => {
  // Values from `printf %s 'Mufasa:http-auth@example.org:Circle of Life' | openssl dgst -md5|-sha256`.
  assert.equal(ha1('MD5', 'Mufasa', 'http-auth@example.org', 'Circle of Life'), '3d78807defe7de2157e2b0b6573a855f');
  assert.equal(
    ha1('SHA-256', 'Mufasa', 'http-auth@example.org', 'Circle of Life'),
    '7987c64c30e25f1b74be53f966b49b90f2808aa92faf9a00262392d7b4794232',
  );
  // Known value: md5("Mufasa:testrealm@host.com:Circle Of Life") from RFC 2617 section 3.5.
  assert.equal(ha1('MD5', 'Mufasa', 'testrealm@host.com', 'Circle Of Life'), '939e7578ed9e3c518a452acee763bce9');
  assert.equal(ha1('SHA-256', 'a', 'b', 'c').length, 64);
  assert.notEqual(ha1('SHA-256', 'a', 'b', 'c'), ha1('SHA-256', 'a', 'b', 'd'));
});

test('makeCredential stores everything both schemes need, and no password', () => {
  const credential = makeCredential('root', 'admin', 'pass', 'auxio');
  assert.deepEqual(Object.keys(credential).sort(), ['ha1Md5', 'ha1Sha256', 'passwordHash', 'role', 'username']);
  assert.equal(credential.ha1Md5, ha1('MD5', 'root', 'auxio', 'pass'));
  assert.equal(credential.ha1Sha256, ha1('SHA-256', 'root', 'auxio', 'pass'));
  assert.equal(verifyPassword('pass', credential.passwordHash), true);
  assert.equal(JSON.stringify(credential).includes('"pass"'), false);
});

test('makeCredential refuses usernames Basic cannot carry and unknown roles', () => {
  assert.throws(() => makeCredential('a:b', 'admin', 'p', 'r'), TypeError);
  assert.throws(() => makeCredential('', 'admin', 'p', 'r'), TypeError);
  assert.throws(() => makeCredential('a\nb', 'admin', 'p', 'r'), TypeError);
  assert.throws(() => makeCredential('a', 'root' as never, 'p', 'r'), TypeError);
});
