import type { z } from 'zod';
import { HttpError } from './errors.ts';

/** Validates a request body or query with a zod schema; a failure names the field. */
export function parseWith<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const at = issue.path.length ? `${issue.path.map(String).join('.')}: ` : '';
  const message = issue.code === 'unrecognized_keys' ? `unknown field ${issue.keys.join(', ')}` : issue.message;
  throw new HttpError('INVALID_BODY', `${at}${message}`);
}

/** A 1-based channel number from a path segment; anything else is a 404 of that thing. */
export function channelNumber(raw: string, count: number, what: string): number {
  const n = /^[1-9][0-9]{0,3}$/.test(raw) ? Number(raw) : NaN;
  if (!(n >= 1 && n <= count)) throw new HttpError('NOT_FOUND', `${what} ${raw.slice(0, 32)}`);
  return n;
}
