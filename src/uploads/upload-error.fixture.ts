// Assertions about failed uploads.
import assert from 'node:assert/strict';
import { isUploadError } from './errors.ts';
import type { UploadError } from './errors.ts';

/** The UploadError `promise` rejects with; fails the test if it resolves or throws something else. */
export async function uploadErrorOf(promise: Promise<unknown>): Promise<UploadError> {
  const err = await promise.then(
    () => assert.fail('expected the upload to fail'),
    (e: unknown) => e,
  );
  assert.ok(isUploadError(err), `not an UploadError: ${String(err)}`);
  return err;
}
