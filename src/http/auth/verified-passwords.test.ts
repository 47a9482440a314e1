import assert from 'node:assert/strict';
import { test } from 'node:test';
import { performance } from 'node:perf_hooks';
import { hashPassword } from './passwords.ts';
import { VerifiedPasswords } from './verified-passwords.ts';

test('a repeated good password is answered from memory; a wrong one never is', () => {
  const checks = new VerifiedPasswords();
  const hash = hashPassword('secret');
  assert.equal(checks.verify('root', 'secret', hash), true);
  const start = performance.now();
  for (let i = 0; i < 100; i++) assert.equal(checks.verify('root', 'secret', hash), true);
  assert.ok(performance.now() - start < 1000, '100 repeated checks must not each run scrypt');
  assert.equal(checks.verify('root', 'wrong', hash), false);
  assert.equal(checks.verify('other', 'secret', hash), true, 'the user name is part of the key');
});

test('a changed password invalidates what was remembered', () => {
  const checks = new VerifiedPasswords();
  const old = hashPassword('secret');
  assert.equal(checks.verify('root', 'secret', old), true);
  const changed = hashPassword('new-secret');
  assert.equal(checks.verify('root', 'secret', changed), false);
});
