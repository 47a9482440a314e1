// An alert as one line of text over a TCP connection, like the AXIS `alert` command that
// notified a host:port.
import { connect } from 'node:net';
import { UploadError } from './errors.ts';
import { networkError } from './net-errors.ts';

/** Where to send the line. */
export interface TcpAlertEndpoint {
  target: string;
  host: string;
  port: number;
  timeoutMs: number;
}

/**
 * Connects, writes `line`, closes. Resolves once the line and our FIN are handed to the
 * kernel ('finish'), without waiting for the receiver to close its side: a listener that
 * keeps the connection open must not turn a delivered alert into a timeout.
 */
export function sendLine(e: TcpAlertEndpoint, line: string): Promise<void> {
  const where = `tcp://${e.host}:${e.port}`;
  return new Promise((resolve, reject) => {
    const socket = connect({ host: e.host, port: e.port });
    const fail = (err: UploadError): void => {
      socket.destroy();
      reject(err);
    };
    socket.setTimeout(e.timeoutMs, () => fail(new UploadError('UPLOAD_TIMEOUT', { target: e.target, detail: `${where} (${e.timeoutMs} ms)` })));
    socket.once('error', (err) => fail(networkError(err, e.target, where) ?? new UploadError('UPLOAD_CONNECT', { target: e.target, detail: `${where}: ${err.message}` })));
    socket.once('connect', () => socket.end(line, 'utf8'));
    socket.once('finish', () => {
      socket.destroy();
      resolve();
    });
  });
}
