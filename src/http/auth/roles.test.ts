import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isRole, roleAllows, ROLES } from './roles.ts';

test('admin includes operator includes viewer, and not the other way', () => {
  const expected: Record<string, boolean> = {
    'viewer>viewer': true, 'viewer>operator': false, 'viewer>admin': false,
    'operator>viewer': true, 'operator>operator': true, 'operator>admin': false,
    'admin>viewer': true, 'admin>operator': true, 'admin>admin': true,
  };
  for (const have of ROLES) {
    for (const need of ROLES) assert.equal(roleAllows(have, need), expected[`${have}>${need}`], `${have} vs ${need}`);
  }
});

test('an unknown role from outside the type system allows nothing', () => {
  assert.equal(roleAllows('root' as never, 'viewer'), false);
  assert.equal(roleAllows('admin', 'root' as never), false);
});

test('isRole accepts exactly the three roles', () => {
  for (const role of ROLES) assert.equal(isRole(role), true);
  for (const x of ['Admin', 'root', '', undefined, null, 1, {}]) assert.equal(isRole(x), false, String(x));
});
