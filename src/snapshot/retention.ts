import type { PathRow, SnapshotSql } from './store-schema.ts';

/** Limits past which the oldest pictures are deleted; a missing limit does not apply. */
export interface RetentionPolicy {
  /** Delete pictures taken more than this many days ago. */
  maxAgeDays?: number;
  /** Keep at most this many pictures. */
  maxCount?: number;
  /** Keep at most this many bytes of pictures. */
  maxBytes?: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Throws a RangeError naming every invalid limit, so a bad config fails at start, not at the first save. */
export function checkRetention(policy: RetentionPolicy): Readonly<RetentionPolicy> {
  const problems: string[] = [];
  const { maxAgeDays, maxCount, maxBytes } = policy;
  if (maxAgeDays !== undefined && !(Number.isFinite(maxAgeDays) && maxAgeDays > 0)) {
    problems.push(`retention.maxAgeDays must be a positive number, got ${maxAgeDays}`);
  }
  if (maxCount !== undefined && !(Number.isSafeInteger(maxCount) && maxCount >= 1)) {
    problems.push(`retention.maxCount must be a positive integer, got ${maxCount}`);
  }
  if (maxBytes !== undefined && !(Number.isSafeInteger(maxBytes) && maxBytes >= 1)) {
    problems.push(`retention.maxBytes must be a positive integer, got ${maxBytes}`);
  }
  if (problems.length > 0) throw new RangeError(problems.join('; '));
  return Object.freeze({ ...policy });
}

/**
 * Rows past any limit at time `now`, oldest first. The newest row is always kept, so a
 * picture larger than `maxBytes` or stamped by a slow clock survives its own save.
 */
export function retentionVictims(sql: SnapshotSql, policy: RetentionPolicy, now: number): PathRow[] {
  const victims = new Map<number, PathRow>();
  const add = (rows: PathRow[]): void => rows.forEach((row) => victims.set(row.id, row));
  if (policy.maxAgeDays !== undefined) add(sql.olderThan.all(now - policy.maxAgeDays * DAY_MS));
  if (policy.maxCount !== undefined) add(sql.beyondCount.all(policy.maxCount));
  if (policy.maxBytes !== undefined) add(sql.beyondBytes.all(policy.maxBytes));
  return [...victims.values()].sort((a, b) => a.id - b.id);
}
