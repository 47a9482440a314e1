// basic-ftp's failures as UploadErrors. Server replies arrive as FTPError with the numeric reply
// code; socket trouble as Node errors with `code`; its own timeouts and closes only as text.
import { FTPError } from 'basic-ftp';
import { isUploadError, UploadError } from './errors.ts';
import { networkError } from './net-errors.ts';

/** Where the failure happened, for the message; `secrets` are redacted from it. */
export interface FtpErrorContext {
  target: string;
  where: string;
  timeoutMs: number;
  secrets: readonly (string | undefined)[];
}

// basic-ftp raises `Timeout (control socket)`, `Timeout when trying to open data connection...`
// and wraps them as `Client is closed because Timeout ...`; it gives them no code.
const TIMEOUT_TEXT = /\bTimeout\b/;

/** Classifies anything basic-ftp threw. */
export function ftpUploadError(err: unknown, c: FtpErrorContext): UploadError {
  if (isUploadError(err)) return err;
  if (err instanceof FTPError) return replyError(err, c);
  const text = err instanceof Error ? err.message : String(err);
  if (TIMEOUT_TEXT.test(text)) {
    return new UploadError('UPLOAD_TIMEOUT', { target: c.target, detail: `${c.where} (${c.timeoutMs} ms)` });
  }
  const network = networkError(err, c.target, c.where);
  if (network) return network;
  // What is left are closes in mid-session ("Server closed connection unexpectedly.") and
  // failed data connections ("None of the available transfer strategies work"): the link.
  return new UploadError('UPLOAD_CONNECT', { target: c.target, detail: `${c.where}: ${text}`, secrets: c.secrets });
}

// RFC 959 4.2: 4yz replies are transient (421 service closing, 450 busy, 452 no space),
// 5yz permanent; 530 "not logged in" and 332 "need account" are about the login.
function replyError(err: FTPError, c: FtpErrorContext): UploadError {
  const detail = `${c.where}: ${err.message.trim()}`;
  if (err.code === 530 || err.code === 332) {
    return new UploadError('UPLOAD_AUTH', { target: c.target, detail, secrets: c.secrets });
  }
  const transient = err.code >= 400 && err.code < 500;
  return new UploadError('UPLOAD_REJECTED', { target: c.target, detail, retryable: transient, secrets: c.secrets });
}
