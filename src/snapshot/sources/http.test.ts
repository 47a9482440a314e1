import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { after, describe, test } from 'node:test';
import { decode } from 'jpeg-js';
import { describeSourceContract } from '../source.contract.ts';
import { isSnapshotSourceError, type SourceErrorCode } from '../source-error.ts';
import { CAMERA_PASSWORD, CAMERA_USER, serveJpeg, startCamera, type CameraOptions, type FakeCamera } from './camera.fixture.ts';
import { HttpSnapshotSource, type HttpSnapshotSourceOptions } from './http.ts';

const cameras: FakeCamera[] = [];
after(() => Promise.all(cameras.map((c) => c.close())));

async function camera(options: CameraOptions): Promise<FakeCamera> {
  const started = await startCamera(options);
  cameras.push(started);
  return started;
}

function source(cam: FakeCamera, options: Partial<HttpSnapshotSourceOptions> = {}): HttpSnapshotSource {
  return new HttpSnapshotSource({ name: 'upstream', url: cam.url, username: CAMERA_USER, password: CAMERA_PASSWORD, ...options });
}

/** Asserts the capture fails with `code`, and that the password is nowhere in the error. */
async function assertFails(capture: Promise<unknown>, code: SourceErrorCode, text?: RegExp): Promise<void> {
  await assert.rejects(capture, (err: unknown) => {
    assert.ok(isSnapshotSourceError(err), `a SnapshotSourceError, got ${String(err)}`);
    assert.equal(err.code, code, err.message);
    assert.ok(!err.message.includes(CAMERA_PASSWORD), `password leaked: ${err.message}`);
    assert.ok(!err.message.includes(encodeURIComponent(CAMERA_PASSWORD)), `password leaked: ${err.message}`);
    if (text) assert.match(err.message, text);
    return true;
  });
}

const digestCamera = await camera({ auth: { digestAlgorithms: ['MD5'], allowBasic: false } });
describeSourceContract('http', () => source(digestCamera));

describe('logging in', () => {
  test('Digest MD5: one challenge, then the nonce is reused with a rising nc', async () => {
    const cam = await camera({ auth: { digestAlgorithms: ['MD5'], allowBasic: false } });
    const src = source(cam);
    for (let i = 0; i < 3; i++) await src.capture();
    assert.equal(cam.challenges, 1);
    const ncs = cam.requests.map((r) => /nc=([0-9a-f]{8})/.exec(r.authorization ?? '')?.[1]);
    assert.deepEqual(ncs, [undefined, '00000001', '00000002', '00000003']);
    assert.deepEqual(cam.requests.map((r) => r.scheme), [undefined, 'digest', 'digest', 'digest']);
  });

  test('Digest SHA-256', async () => {
    const cam = await camera({ auth: { digestAlgorithms: ['SHA-256'], allowBasic: false } });
    await source(cam).capture();
    assert.match(cam.requests.at(-1)?.authorization ?? '', /algorithm=SHA-256/);
    assert.equal(cam.requests.at(-1)?.scheme, 'digest');
  });

  test('takes the first Digest algorithm the camera offers and prefers Digest to Basic', async () => {
    const cam = await camera({ auth: { digestAlgorithms: ['SHA-256', 'MD5'], allowBasic: true } });
    await source(cam).capture();
    assert.match(cam.requests.at(-1)?.authorization ?? '', /^Digest .*algorithm=SHA-256/);
  });

  test('Basic when that is all the camera offers, sent up front after the first challenge', async () => {
    const cam = await camera({ auth: { digestAlgorithms: [], allowBasic: true } });
    const src = source(cam);
    await src.capture();
    await src.capture();
    assert.equal(cam.challenges, 1);
    assert.deepEqual(cam.requests.map((r) => r.scheme), [undefined, 'basic', 'basic']);
  });

  test('a stale nonce is re-challenged without failing the capture', async () => {
    let now = Date.now();
    const cam = await camera({ auth: { digestAlgorithms: ['MD5'], allowBasic: false, nonceLifetimeMs: 1000, clock: () => now } });
    const src = source(cam);
    await src.capture();
    now += 5000;
    await src.capture();
    assert.equal(cam.challenges, 2);
    assert.equal(cam.requests.at(-1)?.scheme, 'digest');
  });

  test('credentials in the URL are used, and never appear in errors', async () => {
    const url = new URL(digestCamera.url);
    url.username = CAMERA_USER;
    url.password = CAMERA_PASSWORD;
    const shot = await new HttpSnapshotSource({ name: 'u', url: url.href }).capture();
    assert.equal(shot.width, 640);
    url.password = 'wrong';
    await assertFails(new HttpSnapshotSource({ name: 'u', url: url.href }).capture(), 'UPSTREAM_AUTH');
  });

  test('a wrong password or none at all is UPSTREAM_AUTH', async () => {
    await assertFails(source(digestCamera, { password: 'nope' }).capture(), 'UPSTREAM_AUTH', /user "root" was refused/);
    const basic = await camera({ auth: { digestAlgorithms: [], allowBasic: true } });
    await assertFails(source(basic, { password: 'nope' }).capture(), 'UPSTREAM_AUTH', /refused/);
    const anonymous = source(digestCamera, { username: undefined, password: undefined });
    await assertFails(anonymous.capture(), 'UPSTREAM_AUTH', /set username and password/);
  });

  test('a scheme auxio does not speak is UPSTREAM_AUTH naming what was offered', async () => {
    const cam = await camera({ respond: (_req, res) => res.writeHead(401, { 'www-authenticate': 'Negotiate' }).end() });
    await assertFails(source(cam).capture(), 'UPSTREAM_AUTH', /offered: negotiate/);
  });
});

describe('what comes back', () => {
  test('resolution=WxH is added only when the URL has none', async () => {
    const cam = await camera({});
    const shot = await source(cam).capture({ width: 320, height: 240 });
    assert.deepEqual([shot.width, shot.height], [320, 240]);
    assert.match(cam.requests.at(-1)?.url ?? '', /\?resolution=320x240$/);
    const fixed = await source(cam, { url: `${cam.url}?resolution=160x120&camera=1` }).capture({ width: 320, height: 240 });
    assert.deepEqual([fixed.width, fixed.height], [160, 120]);
    await source(cam).capture({ width: 320 });
    assert.doesNotMatch(cam.requests.at(-1)?.url ?? '', /resolution/, 'a size needs both width and height');
  });

  test('an HTML page, or bytes that are no JPEG, are UPSTREAM_NOT_JPEG', async () => {
    const html = await camera({ respond: (_q, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html>login</html>') });
    await assertFails(source(html).capture(), 'UPSTREAM_NOT_JPEG', /content-type text\/html/);
    const junk = await camera({ respond: (_q, res) => res.writeHead(200, { 'content-type': 'application/octet-stream' }).end('GIF89a') });
    await assertFails(source(junk).capture(), 'UPSTREAM_NOT_JPEG', /without a JPEG start marker/);
    const mjpeg = await camera({ respond: (_q, res) => res.writeHead(200, { 'content-type': 'multipart/x-mixed-replace; boundary=x' }).end() });
    await assertFails(source(mjpeg).capture(), 'UPSTREAM_NOT_JPEG', /ffmpeg source/);
  });

  test('padding after the end-of-image marker is cut off', async () => {
    const padded = await camera({
      respond: async (req, res) => {
        const chunks: Buffer[] = [];
        await serveJpeg(req, { writeHead: () => {}, end: (b: Buffer) => chunks.push(b) } as never);
        res.writeHead(200, { 'content-type': 'image/jpeg' }).end(Buffer.concat([chunks[0]!, Buffer.alloc(100)]));
      },
    });
    const shot = await source(padded).capture();
    assert.deepEqual([...shot.jpeg.subarray(-2)], [0xff, 0xd9]);
    assert.equal(decode(shot.jpeg).width, 640);
  });

  test('HTTP 500 is UPSTREAM_STATUS', async () => {
    const cam = await camera({ respond: (_q, res) => res.writeHead(500).end('oops') });
    await assertFails(source(cam).capture(), 'UPSTREAM_STATUS', /HTTP 500 for http:\/\/127\.0\.0\.1:\d+\/axis-cgi\/jpg\/image\.cgi$/);
  });

  test('a picture over maxBytes is UPSTREAM_TOO_LARGE, with or without a content-length', async () => {
    await assertFails(source(digestCamera, { maxBytes: 1000 }).capture(), 'UPSTREAM_TOO_LARGE', /1000 bytes/);
    const chunked = await camera({ respond: (_q, res) => {
      res.writeHead(200, { 'content-type': 'image/jpeg' });
      res.write(Buffer.from([0xff, 0xd8]));
      res.end(Buffer.alloc(5000));
    } });
    await assertFails(source(chunked, { maxBytes: 1000 }).capture(), 'UPSTREAM_TOO_LARGE');
  });
});

describe('when the camera is not there', () => {
  test('a camera that never answers is UPSTREAM_TIMEOUT after timeoutMs', async () => {
    const cam = await camera({ respond: () => {} });
    const started = Date.now();
    await assertFails(source(cam, { timeoutMs: 200 }).capture(), 'UPSTREAM_TIMEOUT', /200 ms/);
    assert.ok(Date.now() - started < 1500);
  });

  test('a closed port is UPSTREAM_UNREACHABLE', async () => {
    const port = await freePort();
    const src = new HttpSnapshotSource({ name: 'gone', url: `http://127.0.0.1:${port}/x.jpg?pwd=${CAMERA_PASSWORD}`, password: CAMERA_PASSWORD });
    await assertFails(src.capture(), 'UPSTREAM_UNREACHABLE', /ECONNREFUSED/);
  });

  test('stop() aborts a capture in flight with SOURCE_STOPPED', async () => {
    const cam = await camera({ respond: () => {} });
    const src = source(cam, { timeoutMs: 5000 });
    const capture = src.capture();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await src.stop();
    await assertFails(capture, 'SOURCE_STOPPED');
  });

  test('a URL that is not http(s) is refused at construction without echoing it', () => {
    assert.throws(() => new HttpSnapshotSource({ name: 'x', url: `ftp://u:${CAMERA_PASSWORD}@h/` }), /must be http/);
    assert.throws(() => new HttpSnapshotSource({ name: 'x', url: `nonsense ${CAMERA_PASSWORD}` }), (err: Error) => !err.message.includes(CAMERA_PASSWORD));
  });
});

/** A port nothing listens on: bound, read, released. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}
