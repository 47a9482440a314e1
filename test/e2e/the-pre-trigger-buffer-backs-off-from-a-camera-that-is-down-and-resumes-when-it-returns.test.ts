// The pre-trigger buffer is the one part of auxio that keeps asking a camera for pictures on its
// own. When the camera is down (here its web server answers 503) the asking backs off: the
// spacing doubles from the buffer's interval up to 5 s instead of five requests a second for as
// long as the outage lasts; when the camera returns, the buffer is back at its interval within
// one capped wait, and a door edge stores frames from before it again. The outage is journaled once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { startCamera } from '../../src/snapshot/sources/camera.fixture.ts';
import { DigestClient } from '../support/digest-fetch.ts';
import { noiseJpeg } from '../support/jpeg-check.ts';
import { endedRuns, eventsSince, lastSeq, setInput, waitForEvents } from '../support/script-api.ts';
import { startServer, tempDir } from '../support/server.ts';

const INTERVAL_MS = 100;
const CAP_MS = 5000;
const SCRIPT = `* * * * * BOOT :\nbuffer_init -pre 3 -post 0 -interval ${INTERVAL_MS};\n%\n* * * * * /I1 :\nbuffer_start;\n%\n`;

test('a camera that is down is asked ever less often, up to every 5 s, and the buffer is back at its interval when it returns', async (t) => {
  let down = true;
  const times: number[] = [];
  const picture = noiseJpeg(320, 240);
  const camera = await startCamera({
    respond: (_req, res) => {
      times.push(Date.now());
      if (down) res.writeHead(503, { 'content-type': 'text/plain' }).end('camera sensor offline');
      else res.writeHead(200, { 'content-type': 'image/jpeg' }).end(picture);
    },
  });
  t.after(() => camera.close());
  const dataDir = tempDir();
  writeFileSync(join(dataDir, 'script.txt'), SCRIPT);
  const server = await startServer({ dataDir, config: { snapshot: { width: 320, height: 240, sources: [{ name: 'cam', kind: 'http', url: camera.url }] } } });
  t.after(() => server.stop());
  const root = new DigestClient(server.url, 'root', 'pass');

  await sleep(6000);
  const gaps = times.slice(1).map((at, i) => at - times[i]!);
  // Polled at the interval this would be ~60 requests; backing off (100, 200, 400 ... ms) ~8.
  assert.ok(times.length >= 5 && times.length <= 12, `the camera was asked ${times.length} times in 6 s, ${gaps.join(', ')} ms apart`);
  gaps.slice(1).forEach((gap, i) => assert.ok(gap >= gaps[i]! - 20 || gap >= CAP_MS - 20, `the spacing shrank: ${gaps.join(', ')}`));
  assert.ok(gaps.every((gap) => gap < CAP_MS + 1000), `a wait beyond the cap: ${gaps.join(', ')}`);

  down = false;
  const returned = Date.now();
  while (times.filter((at) => at > returned).length < 5) {
    assert.ok(Date.now() - returned < CAP_MS + 3000, 'the buffer did not resume');
    await sleep(50);
  }
  const resumed = times.filter((at) => at > returned);
  const after = resumed.slice(1).map((at, i) => at - resumed[i]!);
  assert.ok(after.every((gap) => gap < 3 * INTERVAL_MS), `after the return: ${after.join(', ')} ms apart`);

  // The outage is on record once, not once per retry.
  const failed = (await eventsSince(root, 0)).filter((e) => e.kind === 'snapshot_failed');
  assert.equal(failed.length, 1, JSON.stringify(failed));
  assert.deepEqual([failed[0]!.actor, failed[0]!.data.source, failed[0]!.data.trigger], ['buffer', 'cam', 'pre-trigger buffer']);

  const since = await lastSeq(root);
  await setInput(root, 1, 1);
  const events = await waitForEvents(root, since, (e) => endedRuns(e, 2) === 1, 5000);
  assert.equal(events.filter((e) => e.kind === 'snapshot').length, 3, 'three frames from before the edge');
});
