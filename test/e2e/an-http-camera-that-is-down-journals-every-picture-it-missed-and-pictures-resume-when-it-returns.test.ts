// An upstream HTTP camera outage (the hardening issue). A picture is of its moment, so auxio does
// not ask again later (README, "Snapshots": a camera that fails answers 502 and leaves a
// `snapshot_failed` entry): what must hold is that every picture asked while the camera is down,
// by a client or by the script, is one journal entry with the reason, that nothing is stored or
// queued meanwhile, and that the first picture after the camera returns is stored and journaled,
// with no backlog sent to the camera. (Memory and connections per failed capture:
// src/snapshot/sources/http-outage.test.ts.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { startCamera } from '../../src/snapshot/sources/camera.fixture.ts';
import { freePort } from '../../src/uploads/net.fixture.ts';
import { DigestClient } from '../support/digest-fetch.ts';
import { allEvents } from '../support/journal-pages.ts';
import { inspectJpeg, noiseJpeg } from '../support/jpeg-check.ts';
import { getBytes, lastSeq, putScript } from '../support/script-api.ts';
import { startServer } from '../support/server.ts';

const JSON_TYPE = { 'content-type': 'application/json' };
const ASKED = 300;

test('a camera that is down: each picture asked is a 502 and a snapshot_failed entry, nothing is stored, and pictures resume when it returns', async (t) => {
  const port = await freePort();
  const server = await startServer({
    config: {
      snapshot: { width: 320, height: 240, sources: [{ name: 'cam', kind: 'http', url: `http://127.0.0.1:${port}/axis-cgi/jpg/image.cgi`, timeout_ms: 1000 }] },
    },
  });
  t.after(() => server.stop());
  const root = new DigestClient(server.url, 'root', 'pass');
  assert.equal((await putScript(root, '* * * * * /I1 :\nsnapshot;\n%\n')).status, 200);
  const since = await lastSeq(root);

  // Clients and the script ask for pictures while nothing listens on the camera's port.
  const statuses = new Map<string, number>();
  let asked = 0;
  const client = async (): Promise<void> => {
    const c = new DigestClient(server.url, 'root', 'pass');
    while (asked++ < ASKED) {
      const res = await c.request('/api/v1/snapshots', { method: 'POST', body: '{}', headers: JSON_TYPE });
      const key = `${res.status} ${(JSON.parse(res.text) as { error?: { code: string } }).error?.code}`;
      statuses.set(key, (statuses.get(key) ?? 0) + 1);
    }
  };
  const train = root.request('/api/v1/sim/inputs/1', { method: 'POST', body: JSON.stringify({ pulses: 100, highMs: 2, lowMs: 2 }), headers: JSON_TYPE });
  await Promise.all([client(), client(), client(), client(), train]);
  assert.deepEqual([...statuses], [['502 UPSTREAM_FAILED', ASKED]]);

  let events = await allEvents(root, '', 1000, since);
  for (let i = 0; events.some((e) => e.kind === 'script_run' && e.data.outcome === 'started') && !settled(events); i++) {
    assert.ok(i < 100, 'the script runs did not end');
    await sleep(50);
    events = await allEvents(root, '', 1000, since);
  }
  const failedRuns = events.filter((e) => e.kind === 'script_run' && e.data.outcome === 'failed');
  assert.ok(failedRuns.length >= 1, 'no script run asked for a picture');
  assert.ok(failedRuns.every((e) => /^line 2, column 1: snapshot: snapshot source "cam": cannot reach the camera/.test(String(e.data.message))), String(failedRuns[0]?.data.message));
  const failed = events.filter((e) => e.kind === 'snapshot_failed');
  assert.equal(failed.length, ASKED + failedRuns.length, 'one entry per picture asked: by clients, and by each script run');
  assert.equal(failed.filter((e) => e.actor === 'http:root').length, ASKED);
  assert.ok(failed.every((e) => e.data.code === 'UPSTREAM_UNREACHABLE' && e.data.source === 'cam'), JSON.stringify(failed[0]));
  assert.equal(events.filter((e) => e.kind === 'snapshot').length, 0);
  assert.equal((await getBytes(server.url, '/snapshot.jpg')).status, 404, 'nothing was stored');

  // The camera returns on its port: the next pictures are stored, and it is asked for those only.
  const picture = noiseJpeg(320, 240);
  const camera = await startCamera({ port, respond: (_req, res) => res.writeHead(200, { 'content-type': 'image/jpeg' }).end(picture) });
  t.after(() => camera.close());
  const back = await lastSeq(root);
  const res = await root.request('/api/v1/snapshots', { method: 'POST', body: '{}', headers: JSON_TYPE });
  assert.equal(res.status, 201, res.text);
  const stored = await getBytes(server.url, '/snapshot.jpg');
  assert.ok(inspectJpeg(stored.bytes).ok && stored.bytes.equals(picture), 'the stored picture is the camera\'s');
  const recovered = (await allEvents(root, '', 1000, back)).filter((e) => e.kind === 'snapshot' || e.kind === 'snapshot_failed');
  assert.deepEqual(recovered.map((e) => [e.kind, e.actor, e.data.source]), [['snapshot', 'http:root', 'cam']]);
  assert.equal(camera.requests.length, 1, 'no backlog of missed pictures was asked of the camera');
});

/** Every run that started has ended (finished or failed). */
function settled(events: Array<{ kind: string; data: Record<string, unknown> }>): boolean {
  const runs = events.filter((e) => e.kind === 'script_run');
  const started = runs.filter((e) => e.data.outcome === 'started').length;
  return started === runs.filter((e) => e.data.outcome === 'finished' || e.data.outcome === 'failed').length;
}
