import { redactSecrets } from '../util/redact.ts';

/**
 * Why an upload did not happen: a stable code, whether trying again later can help by default,
 * a one-slot message template and a sentence for the docs. Branch on `code`, never on the text.
 * The first four come from targets talking to servers; the rest from checks and the queue.
 */
export const uploadErrorCodes = {
  UPLOAD_CONNECT: {
    retryable: true,
    message: 'cannot reach the server: %s',
    description: 'The server could not be reached: connection refused or reset, no route, DNS or TLS failure.',
  },
  UPLOAD_AUTH: {
    retryable: false,
    message: 'the server refused the login: %s',
    description: 'The server refused the user name or password; retrying with the same ones cannot help.',
  },
  UPLOAD_REJECTED: {
    retryable: false,
    message: 'the server refused the upload: %s',
    description: 'The server answered but refused the file, message or alert (retryable when its reply says transient).',
  },
  UPLOAD_TIMEOUT: {
    retryable: true,
    message: 'no answer in time from %s',
    description: 'The server did not answer in time: connecting, logging in or taking the data.',
  },
  UPLOAD_INVALID: {
    retryable: false,
    message: 'cannot send this item: %s',
    description: 'The item cannot be sent by this target, e.g. no JPEG for FTP or a line break in a one-line field.',
  },
  UPLOAD_CONFIG: {
    retryable: false,
    message: 'invalid settings: %s',
    description: 'The target or queue settings are wrong; raised when it is created, never during a send.',
  },
  UPLOAD_INTERNAL: {
    retryable: false,
    message: 'unexpected failure: %s',
    description: 'A target failed in a way it did not classify: a bug to report.',
  },
  UPLOAD_UNKNOWN_TARGET: {
    retryable: false,
    message: 'no upload target has this name%s',
    description: 'A script named an upload target that the configuration does not define.',
  },
  UPLOAD_DROPPED: {
    retryable: false,
    message: 'dropped: more than %s items were waiting',
    description: 'The target fell too far behind (e.g. a long outage); the oldest waiting item made room for a new one.',
  },
  UPLOAD_CANCELLED: {
    retryable: false,
    message: 'cancelled: the upload queue stopped%s',
    description: 'The queue stopped before the item was sent.',
  },
} as const;

/** One of `uploadErrorCodes`' keys. */
export type UploadErrorCode = keyof typeof uploadErrorCodes;

/** What the error is about; `detail` fills the template's `%s`. */
export interface UploadErrorDetails {
  /** The target's name, so a journal line says which upload failed. */
  target: string;
  detail?: string;
  /** Overrides the code's default, e.g. an FTP 4xx reply is a transient UPLOAD_REJECTED. */
  retryable?: boolean;
  /** Removed from the message wherever they appear (a server may echo what it was sent). */
  secrets?: readonly (string | undefined)[];
}

/**
 * An upload failed. The message reads `upload target "nas": <template>` and never holds a
 * password. There is deliberately no `cause`: loggers print causes, and a library's error text
 * can quote what the server was sent.
 * @example
 * throw new UploadError('UPLOAD_TIMEOUT', { target: 'nas', detail: 'ftp://nas:21 (30000 ms)' });
 */
export class UploadError extends Error {
  override readonly name = 'UploadError';
  readonly code: UploadErrorCode;
  readonly target: string;
  /** Whether the same item may succeed on a later attempt. */
  readonly retryable: boolean;

  constructor(code: UploadErrorCode, details: UploadErrorDetails) {
    const text = uploadErrorCodes[code].message.replace('%s', () => details.detail ?? '');
    super(redactSecrets(`upload target "${details.target}": ${text}`, details.secrets ?? []));
    this.code = code;
    this.target = details.target;
    this.retryable = details.retryable ?? uploadErrorCodes[code].retryable;
  }
}

/** Type guard; pass `code` to also check which failure it is. */
export function isUploadError(err: unknown, code?: UploadErrorCode): err is UploadError {
  return err instanceof UploadError && (code === undefined || err.code === code);
}

