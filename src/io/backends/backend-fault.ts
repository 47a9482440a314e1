/**
 * A write or read that could not reach the hardware because the backend is faulted (device
 * unplugged, module unreachable, tool failing). Branch on it with `isBackendFault`, never on text.
 */
export class BackendFaultError extends Error {
  readonly code = 'IO_BACKEND_FAULT';
  constructor(
    readonly backend: string,
    message: string,
  ) {
    super(`${backend}: ${message}`);
    this.name = 'BackendFaultError';
  }
}

/** Type guard: the error says the hardware is gone, not that the request was wrong. */
export function isBackendFault(err: unknown): err is BackendFaultError {
  return err instanceof BackendFaultError;
}
