// Alert receivers for tests: a real HTTP server and a real TCP server on 127.0.0.1.
import { createServer as createHttpServer } from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
import { createServer as createTcpServer } from 'node:net';
import type { Socket } from 'node:net';
import { closeServer, listenLocal } from './net.fixture.ts';

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** Answers every request with `status` (or never, with `hang`), after reading the whole body. */
export async function startHttpReceiver(o: { status?: number; hang?: boolean } = {}) {
  const requests: ReceivedRequest[] = [];
  const server = createHttpServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      requests.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      if (!o.hang) res.writeHead(o.status ?? 204).end();
    });
  });
  const port = await listenLocal(server);
  return { url: `http://127.0.0.1:${port}`, requests, close: () => closeServer(server) };
}

/** Collects what each connection sent until it closed; `next()` waits for the next whole one. */
export async function startTcpReceiver() {
  const received: string[] = [];
  const waiting: ((text: string) => void)[] = [];
  const sockets = new Set<Socket>();
  const server = createTcpServer((socket) => {
    sockets.add(socket);
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      received.push(text);
      waiting.shift()?.(text);
    });
    socket.on('close', () => sockets.delete(socket));
  });
  const port = await listenLocal(server);
  return {
    port,
    received,
    next: (): Promise<string> => new Promise((resolve) => waiting.push(resolve)),
    close: () => {
      for (const socket of sockets) socket.destroy();
      return closeServer(server);
    },
  };
}
