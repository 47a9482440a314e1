// The uploads part's public face (the AXIS `ftp`, `mail` and `alert` script commands):
// other parts import from here only.
export type { UploadItem, UploadKind, UploadTarget } from './upload-target.ts';
export { isUploadError, UploadError, uploadErrorCodes } from './errors.ts';
export type { UploadErrorCode, UploadErrorDetails } from './errors.ts';
export { FtpTarget } from './ftp.ts';
export type { FtpTargetOptions } from './ftp.ts';
export { DEFAULT_SUBJECT_PREFIX, MailTarget } from './mail.ts';
export type { MailTargetOptions } from './mail.ts';
export { AlertTarget, DEFAULT_ALERT_MESSAGE } from './alert.ts';
export type { AlertTargetOptions } from './alert.ts';
export { alertBody, alertLine } from './alert-format.ts';
export type { AlertBody } from './alert-format.ts';
export { createUploadTarget } from './create-target.ts';
export type { UploadTargetSpec } from './create-target.ts';
export { DEFAULT_MAX_PENDING, UploadQueue } from './upload-queue.ts';
export type { UploadQueueOptions } from './upload-queue.ts';
export type { UploadOutcome } from './upload-outcome.ts';
export { backoffDelay, resolveRetryPolicy, RETRY_DEFAULTS } from './backoff.ts';
export type { RetryPolicy } from './backoff.ts';
export { DEFAULT_TIMEOUT_MS } from './settings.ts';
export type { Timers } from './timers.ts';
export { UploadService, type UploadServiceOptions } from './upload-service.ts';
