// Sockets for tests: free ports, listening on 127.0.0.1, closing.
import { createServer } from 'node:net';
import type { Server, Socket } from 'node:net';

export { freePort } from '../../test/support/local-port.ts';

/** Listens on 127.0.0.1 (port 0 = any free one) and returns the port. */
export function listenLocal(server: Server, port = 0): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      const address = server.address();
      if (address === null || typeof address === 'string') throw new Error('no TCP address');
      resolve(address.port);
    });
  });
}

/** Closes a server and every connection it still holds. */
export function closeServer(server: Server & { closeAllConnections?: () => void }): Promise<void> {
  server.closeAllConnections?.();
  return new Promise((resolve) => server.close(() => resolve()));
}

/**
 * A server that accepts connections and never says a word: for timeouts. It tracks its sockets
 * so close() does not wait for the client to give up.
 */
export async function startSilentServer(): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
  });
  const port = await listenLocal(server);
  return {
    port,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return closeServer(server);
    },
  };
}
