import { connect } from 'node:net';

/** One answer as it came off the socket: header lines kept raw and in order, the body de-chunked. */
export interface RawAnswer {
  status: number;
  /** `[name in lower case, value]` as sent, repeats included. */
  headers: Array<[string, string]>;
  /** The status line and header lines exactly as received (latin1), for byte-level checks. */
  head: string;
  body: Buffer;
}

/**
 * Writes `request` byte for byte to a fresh connection and reads the answer until the server closes.
 * For what `fetch` and curl will not send: raw CR, LF or NUL, backslashes, overlong UTF-8, odd Hosts.
 * End the request with `Connection: close`, or the read waits for `timeoutMs`.
 * @example await rawHttp(port, `GET /..%2f HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`)
 */
export function rawHttp(port: number, request: string | Buffer, timeoutMs = 5000): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => socket.destroy(), timeoutMs);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', (err) => (chunks.length > 0 ? undefined : reject(err)));
    socket.on('close', () => {
      clearTimeout(timer);
      try {
        resolve(parseAnswer(Buffer.concat(chunks)));
      } catch (err) {
        reject(err);
      }
    });
    // No half-close: node drops a connection whose client has ended before a streamed answer starts.
    socket.write(typeof request === 'string' ? Buffer.from(request, 'latin1') : request);
  });
}

function parseAnswer(raw: Buffer): RawAnswer {
  const end = raw.indexOf('\r\n\r\n');
  if (end < 0) throw new Error(`no complete answer: ${JSON.stringify(raw.toString('latin1').slice(0, 200))}`);
  const head = raw.subarray(0, end).toString('latin1');
  const [statusLine, ...lines] = head.split('\r\n');
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine ?? '')?.[1]);
  if (!Number.isInteger(status)) throw new Error(`not a status line: ${JSON.stringify(statusLine)}`);
  const headers = lines.map((line): [string, string] => {
    const colon = line.indexOf(':');
    return [line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim()];
  });
  const rest = raw.subarray(end + 4);
  const chunked = headers.some(([n, v]) => n === 'transfer-encoding' && /chunked/i.test(v));
  return { status, headers, head, body: chunked ? dechunk(rest) : rest };
}

function dechunk(data: Buffer): Buffer {
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const lineEnd = data.indexOf('\r\n', at);
    if (lineEnd < 0) break;
    const size = parseInt(data.subarray(at, lineEnd).toString('latin1'), 16);
    if (!(size > 0)) break;
    parts.push(data.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
  return Buffer.concat(parts);
}
