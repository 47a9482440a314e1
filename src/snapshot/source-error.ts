/**
 * Why a snapshot source could not hand over a picture: a stable code, the HTTP status an API
 * answering for the camera should use (502: the camera failed; 504: it was too slow; 503: the
 * source is not running), and a message template. Branch on `code`, never on the text.
 */
export const sourceErrorCodes = {
  UPSTREAM_UNREACHABLE: { status: 502, message: 'cannot reach the camera: %s' },
  UPSTREAM_AUTH: { status: 502, message: 'the camera refused the login: %s' },
  UPSTREAM_STATUS: { status: 502, message: 'the camera answered HTTP %s' },
  UPSTREAM_NOT_JPEG: { status: 502, message: 'the camera sent no JPEG: %s' },
  UPSTREAM_TOO_LARGE: { status: 502, message: 'the picture is larger than %s bytes' },
  UPSTREAM_TIMEOUT: { status: 504, message: 'no picture within %s ms' },
  SOURCE_STOPPED: { status: 503, message: 'the source was stopped%s' },
} as const;

/** One of `sourceErrorCodes`' keys. */
export type SourceErrorCode = keyof typeof sourceErrorCodes;

/** What the error is about; `detail` fills the template's `%s` and must hold no secret. */
export interface SourceErrorDetails {
  /** The source's name, so a log line says which camera failed. */
  source: string;
  detail?: string;
  cause?: unknown;
}

/**
 * A source failed to produce a picture. The message reads `snapshot source "gate": <template>`.
 * @example
 * throw new SnapshotSourceError('UPSTREAM_STATUS', { source: 'gate', detail: '500' });
 */
export class SnapshotSourceError extends Error {
  override readonly name = 'SnapshotSourceError';
  readonly code: SourceErrorCode;
  readonly source: string;
  /** The status an HTTP API should answer when it passes this failure on. */
  readonly status: number;

  constructor(code: SourceErrorCode, details: SourceErrorDetails) {
    const text = sourceErrorCodes[code].message.replace('%s', details.detail ?? '');
    super(`snapshot source "${details.source}": ${text}`, details.cause === undefined ? undefined : { cause: details.cause });
    this.code = code;
    this.source = details.source;
    this.status = sourceErrorCodes[code].status;
  }
}

/** Type guard; pass `code` to also check which failure it is. */
export function isSnapshotSourceError(err: unknown, code?: SourceErrorCode): err is SnapshotSourceError {
  return err instanceof SnapshotSourceError && (code === undefined || err.code === code);
}

