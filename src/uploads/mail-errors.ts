// nodemailer's failures as UploadErrors. nodemailer sets a string `code` (ERROR_CODES in
// nodemailer/dist/esm/errors.d.ts) and, when the server answered, `responseCode` and `permanent`.
import { UploadError } from './errors.ts';
import { networkError } from './net-errors.ts';

/** Where the failure happened, for the message; `secrets` are redacted from it. */
export interface MailErrorContext {
  target: string;
  where: string;
  timeoutMs: number;
  secrets: readonly (string | undefined)[];
}

interface NodemailerFailure {
  code?: unknown;
  /** The socket's own code under an ESOCKET, e.g. ECONNREFUSED or CERT_HAS_EXPIRED. */
  originalCode?: unknown;
  responseCode?: unknown;
  response?: unknown;
  message?: unknown;
}

// Connection-level codes: the server was never properly talked to.
const LINK_CODES = new Set(['ECONNECTION', 'ESOCKET', 'EDNS', 'EPROXY']);

/** Classifies anything nodemailer's sendMail rejected with. */
export function mailUploadError(err: unknown, c: MailErrorContext): UploadError {
  const e = (typeof err === 'object' && err !== null ? err : {}) as NodemailerFailure;
  const reply = typeof e.responseCode === 'number' ? e.responseCode : undefined;
  const text = String(e.response ?? e.message ?? err);
  const base = { target: c.target, detail: `${c.where}: ${text}`, secrets: c.secrets };
  // RFC 4954: 454 is a temporary authentication failure, 535 a wrong password.
  // 530 (RFC 4954 "authentication required") arrives on MAIL FROM when no login was made.
  if (e.code === 'EAUTH' || e.code === 'ENOAUTH' || reply === 530) return new UploadError('UPLOAD_AUTH', { ...base, retryable: isTransient(reply) });
  if (e.code === 'ETIMEDOUT') return new UploadError('UPLOAD_TIMEOUT', { target: c.target, detail: `${c.where} (${c.timeoutMs} ms)` });
  // A certificate the client does not trust will not start being trusted by itself.
  if (e.code === 'ETLS') return new UploadError('UPLOAD_CONNECT', { ...base, retryable: false });
  if (reply !== undefined) return new UploadError('UPLOAD_REJECTED', { ...base, retryable: isTransient(reply) });
  if (typeof e.code === 'string' && LINK_CODES.has(e.code)) {
    return networkError({ code: e.originalCode }, c.target, c.where) ?? new UploadError('UPLOAD_CONNECT', base);
  }
  return networkError(err, c.target, c.where) ?? new UploadError('UPLOAD_REJECTED', base);
}

// RFC 5321 4.2.1: 4yz is transient; 503 (bad sequence) is a session problem a new
// connection fixes, as nodemailer's own isPermanentResponseCode reads it.
function isTransient(reply: number | undefined): boolean {
  return reply !== undefined && ((reply >= 400 && reply < 500) || reply === 503);
}
