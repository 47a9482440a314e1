// An upstream camera that is down or hangs, in-process: each capture fails on its own (no retry
// storm: a picture is of its moment, so a later one would be a different picture), and none leaves
// anything behind, neither memory nor a connection to the camera.
import assert from 'node:assert/strict';
import { createServer, type Socket } from 'node:net';
import { test } from 'node:test';
import { freePort } from '../../../test/support/local-port.ts';
import { heapAfterGc } from '../../../test/support/process-memory.ts';
import { isSnapshotSourceError } from '../source-error.ts';
import { HttpSnapshotSource } from './http.ts';

/** Runs `count` captures, `parallel` at a time; returns the error codes seen, counted. */
async function captureMany(source: HttpSnapshotSource, count: number, parallel: number): Promise<Map<string, number>> {
  const codes = new Map<string, number>();
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next++ < count) {
      const code = await source.capture({ width: 320, height: 240 }).then(
        () => 'ok',
        (err: unknown) => (isSnapshotSourceError(err) ? err.code : String(err)),
      );
      codes.set(code, (codes.get(code) ?? 0) + 1);
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return codes;
}

test('a camera that is down: 8,000 captures each fail with UPSTREAM_UNREACHABLE and leave no memory behind', { timeout: 60_000 }, async () => {
  const source = new HttpSnapshotSource({ name: 'gate', url: `http://127.0.0.1:${await freePort()}/axis-cgi/jpg/image.cgi`, timeoutMs: 2000 });
  await captureMany(source, 500, 20);
  const before = heapAfterGc();
  const codes = await captureMany(source, 8000, 20);
  const growth = heapAfterGc() - before;
  assert.deepEqual([...codes], [['UPSTREAM_UNREACHABLE', 8000]]);
  // A controller, signal or timer kept per failed capture would be ~1-2 KB each: 8-16 MB here; a
  // busy machine's GC leaves a few MB of noise, hence the margin.
  assert.ok(growth < 5 * 2 ** 20, `the heap and buffers grew by ${(growth / 2 ** 20).toFixed(1)} MB`);
});

test('a camera that hangs: each capture ends at timeoutMs with UPSTREAM_TIMEOUT, one request each, and every connection is closed', { timeout: 60_000 }, async (t) => {
  const sockets = new Set<Socket>();
  let connections = 0;
  let requests = 0;
  // Accepts and reads, never answers: a camera whose web server is wedged.
  const camera = createServer((socket) => {
    connections++;
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
    socket.on('data', (d: Buffer) => (requests += d.toString('latin1').match(/^GET /gm)?.length ?? 0));
  });
  await new Promise<void>((resolve) => camera.listen(0, '127.0.0.1', resolve));
  t.after(() => {
    for (const s of sockets) s.destroy();
    camera.close();
  });
  const { port } = camera.address() as { port: number };
  const source = new HttpSnapshotSource({ name: 'gate', url: `http://127.0.0.1:${port}/axis-cgi/jpg/image.cgi`, timeoutMs: 200 });

  const startedAt = Date.now();
  const codes = await captureMany(source, 60, 20);
  const took = Date.now() - startedAt;
  assert.deepEqual([...codes], [['UPSTREAM_TIMEOUT', 60]]);
  // Three rounds of 20 at 200 ms each: not held longer than the timeout, not retried.
  assert.ok(took >= 3 * 200 - 10 && took < 3 * 200 + 1500, `60 captures took ${took} ms`);
  assert.equal(requests, 60, 'one request per capture: a given-up picture is not asked again');
  // fetch (undici) opens a spare connection for each one a timeout tore down, and closes it when
  // its keep-alive runs out (4 s): twice the connections, but none kept.
  assert.ok(connections <= 2 * 60, `${connections} connections for 60 captures`);
  for (let i = 0; sockets.size > 0; i++) {
    assert.ok(i < 400, `${sockets.size} connections to the camera still open 8 s after their captures gave up`);
    await new Promise((r) => setTimeout(r, 20));
  }
});
