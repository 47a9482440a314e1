// When the default snapshot source cannot give a picture (here an upstream camera nobody listens
// for), image.cgi answers with the source's status (502: the camera failed) and Axis's
// "Camera 1 not available." comment, never a broken JPEG and never a 200.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { startServer, type RunningServer } from '../support/server.ts';
import { vapixGet } from '../support/vapix.ts';

let server: RunningServer;

/** A loopback port with nothing listening on it. */
async function deadPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

before(async () => {
  const url = `http://127.0.0.1:${await deadPort()}/axis-cgi/jpg/image.cgi`;
  server = await startServer({ config: { snapshot: { sources: [{ name: 'gate', kind: 'http', url, timeout_ms: 1000 }] } } });
});

after(async () => {
  await server?.stop();
});

test('an unreachable camera → 502 "<!-- Camera 1 not available. -->"', async () => {
  const res = await vapixGet(server.url, '/axis-cgi/jpg/image.cgi?resolution=320x240');
  assert.equal(res.status, 502);
  assert.equal(res.headers['content-type'], 'text/plain');
  assert.equal(res.body, '<!-- Camera 1 not available. -->');
});

test('param.cgi names that camera in root.Image', async () => {
  const res = await vapixGet(server.url, '/axis-cgi/param.cgi?action=list&group=Image.I0.Name');
  assert.equal(res.body, 'Image.I0.Name=gate\r\n');
});
