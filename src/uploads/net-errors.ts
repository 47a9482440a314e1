// Node's socket errors, read the same way by every target. Node marks them with `code`
// (fetch hides them one level down, in `cause`).
import { UploadError } from './errors.ts';

// Certificate problems stay until someone fixes the server or the settings: retrying only
// repeats the failure (https://nodejs.org/api/tls.html#x509-certificate-error-codes).
const CERTIFICATE = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|ERR_TLS_CERT_ALTNAME_INVALID/;
// errno names (ECONNREFUSED, EAI_AGAIN), TLS/SSL failures and certificate codes; anything else
// (ERR_INVALID_ARG_TYPE...) is a bug, not the network.
const SOCKET_CODE = /^(E[A-Z0-9_]+|ERR_(SSL|TLS)_[A-Z0-9_]+)$/;

/** The Node `code` of an error or of its cause, e.g. `ECONNREFUSED`. */
export function systemCode(err: unknown): string | undefined {
  for (let e: unknown = err, depth = 0; depth < 3 && typeof e === 'object' && e !== null; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * Maps a socket-level failure to UPLOAD_CONNECT or UPLOAD_TIMEOUT, or undefined when `err`
 * carries no Node error code (then the caller knows better what it is).
 */
export function networkError(err: unknown, target: string, where: string): UploadError | undefined {
  const code = systemCode(err);
  if (code === undefined || !(SOCKET_CODE.test(code) || CERTIFICATE.test(code))) return undefined;
  // ETIMEDOUT from connect(): the kernel gave up waiting for the server.
  if (code === 'ETIMEDOUT') return new UploadError('UPLOAD_TIMEOUT', { target, detail: `${where} (${code})` });
  return new UploadError('UPLOAD_CONNECT', {
    target,
    detail: `${where} (${code})`,
    retryable: !CERTIFICATE.test(code),
  });
}
