/** Whether `value` can be a snapshot id: a positive safe integer. */
export function isSnapshotId(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 1;
}

/**
 * Reads a snapshot id from text such as a URL segment; anything but plain decimal digits
 * (signs, exponents, `..`, leading zeros) is not an id.
 * @example parseSnapshotId('42') // 42; parseSnapshotId('1e3') // undefined
 */
export function parseSnapshotId(text: string): number | undefined {
  if (!/^[1-9][0-9]{0,15}$/.test(text)) return undefined;
  const id = Number(text);
  return isSnapshotId(id) ? id : undefined;
}
