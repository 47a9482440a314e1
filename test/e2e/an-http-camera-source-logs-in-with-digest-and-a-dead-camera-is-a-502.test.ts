// The `http` snapshot source against a local stand-in for an Axis camera's image.cgi that asks for
// Digest: POST /api/v1/snapshots stores exactly the bytes the camera served, at the configured
// size; a camera that is down answers 502 UPSTREAM_FAILED and leaves a `snapshot_failed` entry.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import {
  CAMERA_PASSWORD, CAMERA_USER, startCamera, type FakeCamera,
} from '../../src/snapshot/sources/camera.fixture.ts';
import { SyntheticSource } from '../../src/snapshot/sources/synthetic.ts';
import { api } from '../support/api.ts';
import { DigestClient } from '../support/digest-fetch.ts';
import { decodeJpeg } from '../support/picture-text.ts';
import { eventsSince, getBytes, lastSeq, listSnapshots } from '../support/script-api.ts';
import { startServer, type RunningServer } from '../support/server.ts';

let camera: FakeCamera;
let server: RunningServer;
let root: DigestClient;
/** Every JPEG the camera sent, in order. */
const served: Buffer[] = [];
const pictures = new SyntheticSource({ name: 'upstream cam' });

before(async () => {
  camera = await startCamera({
    auth: { digestAlgorithms: ['MD5'], allowBasic: false },
    respond: async (req, res: ServerResponse) => {
      const [width, height] = (new URL(req.url ?? '/', 'http://camera').searchParams.get('resolution') ?? '640x480').split('x').map(Number);
      const { jpeg } = await pictures.capture({ width, height, label: `upstream #${served.length + 1}` });
      served.push(jpeg);
      res.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': jpeg.length });
      res.end(jpeg);
    },
  });
  server = await startServer({
    config: {
      snapshot: {
        width: 320,
        height: 240,
        sources: [{ name: 'cam', kind: 'http', url: camera.url, username: CAMERA_USER, password: CAMERA_PASSWORD, timeout_ms: 3000 }],
      },
    },
  });
  root = new DigestClient(server.url, 'root', 'pass');
});

after(async () => {
  await server?.stop();
  await camera?.close();
});

test('POST /api/v1/snapshots logs in with Digest and stores the camera\'s bytes unchanged', async () => {
  const res = await api(server.url, '/api/v1/snapshots', { method: 'POST', body: {} });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  const record = res.body;
  assert.deepEqual(
    { source: record.source, trigger: record.trigger, width: record.width, height: record.height },
    { source: 'cam', trigger: 'http:root', width: 320, height: 240 },
  );
  // The camera challenged, then served one picture to a Digest login, at the size auxio is set to.
  assert.ok(camera.challenges >= 1, 'the camera asked for a login');
  const answered = camera.requests.filter((r) => r.scheme !== undefined);
  assert.deepEqual(answered.map((r) => r.scheme), ['digest']);
  assert.match(answered[0]!.url, /[?&]resolution=320x240(&|$)/);
  assert.ok(!camera.requests.some((r) => (r.authorization ?? '').includes(CAMERA_PASSWORD)), 'the password never went over the wire');
  assert.equal(served.length, 1);

  const stored = await getBytes(server.url, record.url);
  assert.equal(stored.status, 200);
  assert.ok(stored.bytes.equals(served[0]!), 'the stored JPEG is not byte for byte what the camera served');
  assert.equal(record.bytes, served[0]!.length);
  const picture = decodeJpeg(stored.bytes);
  assert.deepEqual([picture.width, picture.height], [320, 240]);
});

test('a camera that is down: 502 UPSTREAM_FAILED, a snapshot_failed entry, and nothing stored', async () => {
  await camera.close();
  const before = (await listSnapshots(root)).length;
  const since = await lastSeq(root);
  const res = await api(server.url, '/api/v1/snapshots', { method: 'POST', body: { label: 'gate check' } });
  assert.equal(res.status, 502, JSON.stringify(res.body));
  assert.equal(res.body.error.code, 'UPSTREAM_FAILED');
  assert.match(res.body.error.message, /^the camera failed: .*"cam"/);
  assert.ok(!JSON.stringify(res.body).includes(CAMERA_PASSWORD), 'the camera password is not in the answer');

  const failed = (await eventsSince(root, since)).filter((e) => e.kind === 'snapshot_failed' || e.kind === 'snapshot');
  assert.equal(failed.length, 1);
  assert.deepEqual({ ...failed[0]!.data, message: 'checked below' }, {
    source: 'cam', trigger: 'gate check', code: 'UPSTREAM_UNREACHABLE', message: 'checked below',
  });
  assert.deepEqual([failed[0]!.kind, failed[0]!.actor], ['snapshot_failed', 'http:root']);
  assert.ok(!String(failed[0]!.data.message).includes(CAMERA_PASSWORD), 'the camera password is not in the journal');
  assert.equal((await listSnapshots(root)).length, before);
});
