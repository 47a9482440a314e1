// The error codes of Axis's JSON CGIs. Axis documents two different tables:
// - API discovery and basic device information ([AX-DISC], [AX-BDI]): 1000, 2001-2004, 4000, 4002, 8000.
//   DESIGN.md lists these for portmanagement.cgi too; that is the table the axis library copies.
// - I/O port management ([AX-PM] "General error codes"): 1100, 2100-2105, and 2200 for setStateSequence.
// portmanagement.cgi answers with its own documented table (docs/vapix.md §3.3, §8.1), so a client
// written from Axis's portmanagement page reads the codes it expects; the discovery table stays with
// apidiscovery.cgi and basicdeviceinfo.cgi. The axis library reads no code at all.

/** Which code a kind of failure gets in one table. */
export interface ErrorTable {
  /** A method other than POST, and what its answer says. */
  httpMethod: number;
  httpMethodMessage: string;
  /** `apiVersion` not supported. */
  version: number;
  /** The body is not a JSON object. */
  json: number;
  /** `method` unknown. */
  method: number;
  /** A required parameter is missing. */
  missing: number;
  /** A parameter has the wrong type or value. */
  invalid: number;
  /** The user's role is too weak for this method. */
  forbidden: number;
  internal: number;
  /** Each code's message. */
  messages: Readonly<Record<number, string>>;
}

/** apidiscovery.cgi and basicdeviceinfo.cgi ([AX-DISC], [AX-BDI]; wording from the axis library's copy). */
export const DISCOVERY_ERRORS: ErrorTable = {
  httpMethod: 2002,
  httpMethodMessage: 'HTTP request type not supported. Only POST is supported',
  version: 2003,
  json: 4000,
  method: 2004,
  missing: 4002,
  invalid: 4002,
  forbidden: 2001,
  internal: 8000,
  messages: {
    1000: 'Invalid parameter value specified',
    2001: 'Access forbidden',
    2002: 'HTTP request type not supported. Only POST is supported',
    2003: 'Requested API version is not supported',
    2004: 'Method not supported',
    4000: 'Invalid JSON',
    4002: 'Required parameter missing or invalid',
    8000: 'Internal error',
  },
};

/**
 * portmanagement.cgi ([AX-PM]). Its table has no code for a wrong HTTP method; 2102 "Method not
 * supported" is the nearest documented one, and the 405 status says which method is meant.
 */
export const PORT_MANAGEMENT_ERRORS: ErrorTable = {
  httpMethod: 2102,
  httpMethodMessage: 'HTTP request type not supported. Only POST is supported',
  version: 2100,
  json: 2101,
  method: 2102,
  missing: 2103,
  invalid: 2104,
  forbidden: 2105,
  internal: 1100,
  messages: {
    1100: 'Internal error',
    2100: 'API version not supported',
    2101: 'Invalid JSON',
    2102: 'Method not supported',
    2103: 'Required parameter missing',
    2104: 'Invalid parameter value specified',
    2105: 'Authorization failed',
    2200: 'State sequence already ongoing',
  },
};

/** Codes a method raises itself beyond the shared kinds. */
export const SEQUENCE_ONGOING = 2200;
export const INVALID_VALUE = 1000;

/** A JSON CGI call refused with an Axis code; `details` says which port or property (setPorts). */
export class AxisJsonError extends Error {
  /** 200 like every Axis JSON answer, but 403 for a role too weak (the axis library then raises Forbidden). */
  status = 200;
  constructor(
    readonly code: number,
    message?: string,
    readonly details?: Record<string, string>,
  ) {
    super(message ?? '');
  }

  /** The same refusal with HTTP status 403. */
  forbidden(): this {
    this.status = 403;
    return this;
  }
}

export function isAxisJsonError(err: unknown): err is AxisJsonError {
  return err instanceof AxisJsonError;
}

/** The error object of an answer: the table's wording unless the error names a particular. */
export function errorObject(table: ErrorTable, err: AxisJsonError): { code: number; message: string; details?: Record<string, string> } {
  const message = err.message || table.messages[err.code] || 'Error';
  return { code: err.code, message, ...(err.details ? { details: err.details } : {}) };
}
