import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SessionTokens } from './session-tokens.ts';

test('a token is [0-9A-Za-z], redeems once, and only within its lifetime', () => {
  let now = 1000;
  const tokens = new SessionTokens(15_000, () => now);
  const user = { username: 'root', role: 'admin' };
  const a = tokens.issue(user);
  assert.match(a, /^[0-9A-Za-z]{32}$/);
  assert.deepEqual(tokens.redeem(a), user);
  assert.equal(tokens.redeem(a), undefined, 'single use');
  const b = tokens.issue(user);
  now += 15_000;
  assert.equal(tokens.redeem(b), undefined, 'expired');
  const c = tokens.issue(user);
  now += 14_999;
  assert.deepEqual(tokens.redeem(c), user);
});
