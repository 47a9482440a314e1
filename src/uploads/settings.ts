// Checks shared by the targets' constructors: a bad setting fails when auxio starts, with the
// target's name and the field, instead of on the first door opening.
import { UploadError } from './errors.ts';

/** How long a target waits for a server by default, per connection step. */
export const DEFAULT_TIMEOUT_MS = 30_000;

const LINE_BREAK = /[\r\n]/;

/** Throws UPLOAD_CONFIG for `target`, naming the field. */
export function badSetting(target: string, detail: string): UploadError {
  return new UploadError('UPLOAD_CONFIG', { target, detail });
}

/** A target name: non-empty, one line (it goes into journal lines and messages). */
export function checkName(name: string): string {
  if (typeof name !== 'string' || name.trim() === '' || LINE_BREAK.test(name)) {
    throw badSetting(String(name), 'name must be a non-empty single line');
  }
  return name;
}

/** Non-empty text without CR/LF: it ends up in a protocol command, header or line. */
export function checkText(target: string, field: string, value: string): string {
  if (typeof value !== 'string' || value === '' || LINE_BREAK.test(value)) {
    throw badSetting(target, `${field} must be a non-empty single line`);
  }
  return value;
}

/** Optional text that goes into a protocol command (FTP USER/PASS): no CR/LF. The value is never echoed. */
export function checkOptionalLine(target: string, field: string, value: string | undefined): string | undefined {
  if (value !== undefined && (typeof value !== 'string' || LINE_BREAK.test(value))) {
    throw badSetting(target, `${field} must be a single line`);
  }
  return value;
}

/** A TCP port, 1-65535. */
export function checkPort(target: string, field: string, value: number): number {
  if (!Number.isInteger(value) || value < 1 || value > 65535) {
    throw badSetting(target, `${field} must be an integer from 1 to 65535, not ${value}`);
  }
  return value;
}

/** A positive timeout in ms; 0 would mean "wait forever", which would stall the queue. */
export function checkTimeout(target: string, value: number | undefined): number {
  const ms = value ?? DEFAULT_TIMEOUT_MS;
  if (!Number.isInteger(ms) || ms < 1) throw badSetting(target, `timeoutMs must be a positive integer, not ${ms}`);
  return ms;
}

/**
 * Item text bound for a header or a one-line protocol: a CR/LF would start a new header or
 * command there, so the item is refused rather than silently changed.
 */
export function oneLine(target: string, field: string, value: string): string {
  if (LINE_BREAK.test(value)) throw new UploadError('UPLOAD_INVALID', { target, detail: `${field} holds a line break` });
  return value;
}
