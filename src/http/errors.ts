/**
 * Every error a client can see: a stable code, its HTTP status and a message template.
 * Branch on `code`, never on the text. README's "Errors" table lists them all (a test checks it).
 */
export const errorCodes = {
  BAD_REQUEST: { status: 400, message: 'bad request: %s' },
  INVALID_BODY: { status: 400, message: 'invalid body: %s' },
  SCRIPT_INVALID: { status: 400, message: '%s' },
  AUTH_REQUIRED: { status: 401, message: 'login required' },
  FORBIDDEN: { status: 403, message: 'the %s role is needed for this' },
  CROSS_SITE: { status: 403, message: 'a request from another site\'s page is refused (cross-site request forgery)' },
  FACTORY_LOGIN_REMOTE: {
    status: 403,
    message:
      'the factory login root/pass works only from this machine, as localhost or by address: set a new password first (or allow it with http.allow_factory_login_remote)',
  },
  NOT_FOUND: { status: 404, message: '%s not found' },
  NOT_SIMULATED: { status: 404, message: 'the simulator is not the backend of input %s' },
  METHOD_NOT_ALLOWED: { status: 405, message: '%s is not allowed here; use %s' },
  CONFLICT: { status: 409, message: '%s' },
  PAYLOAD_TOO_LARGE: { status: 413, message: 'request body is larger than %s bytes' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: 'content type %s is not accepted here' },
  INTERNAL: { status: 500, message: 'internal error' },
  UPSTREAM_FAILED: { status: 502, message: 'the camera failed: %s' },
  BACKEND_FAULT: { status: 503, message: 'the I/O hardware is not reachable: %s' },
  UPSTREAM_TIMEOUT: { status: 504, message: 'the camera did not answer in time: %s' },
  STORAGE_FULL: { status: 507, message: '%s' },
} as const;

export type ErrorCode = keyof typeof errorCodes;

/** An error meant for the client: its code decides the status and wording. */
export class HttpError extends Error {
  readonly status: number;
  /** Machine-readable particulars, e.g. each script error's line and column. */
  details?: unknown[];
  constructor(
    readonly code: ErrorCode,
    ...args: string[]
  ) {
    let i = 0;
    super(errorCodes[code].message.replace(/%s/g, () => args[i++] ?? ''));
    this.status = errorCodes[code].status;
  }

  withDetails(details: unknown[]): this {
    this.details = details;
    return this;
  }
}

export function isHttpError(err: unknown): err is HttpError {
  return err instanceof HttpError;
}

/** The JSON error body every API error uses. */
export function errorBody(error: HttpError): { error: { code: ErrorCode; message: string; details?: unknown[] } } {
  return { error: { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) } };
}
