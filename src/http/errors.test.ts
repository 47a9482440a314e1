import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { errorCodes, HttpError } from './errors.ts';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

test('every error code is documented in the README with its status', () => {
  for (const [code, { status }] of Object.entries(errorCodes)) {
    assert.match(readme, new RegExp(`\\| \`${code}\` \\| ${status} \\|`), `README's Errors table lacks ${code} (${status})`);
  }
});

test('an error fills its template and carries its status', () => {
  const error = new HttpError('METHOD_NOT_ALLOWED', 'DELETE', 'GET');
  assert.equal(error.message, 'DELETE is not allowed here; use GET');
  assert.equal(error.status, 405);
});
