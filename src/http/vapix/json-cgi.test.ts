import { test } from 'node:test';
import assert from 'node:assert/strict';
import { supports } from './json-cgi.ts';

test('an API version is served for the same major and a minor up to the supported one', () => {
  assert.equal(supports(['1.1'], '1.0'), true);
  assert.equal(supports(['1.1'], '1.1'), true);
  assert.equal(supports(['1.1'], '1.2'), false);
  assert.equal(supports(['1.1'], '2.0'), false);
  assert.equal(supports(['1.0', '2.3'], '2.1'), true);
  assert.equal(supports(['1.0'], '1'), false);
  assert.equal(supports(['1.0'], 'v1.0'), false);
});
