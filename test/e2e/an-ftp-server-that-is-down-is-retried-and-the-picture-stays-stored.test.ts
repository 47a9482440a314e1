// An FTP server that is down does not lose the picture: each attempt is an `upload` journal entry
// (ok:false, willRetry:true until the attempts are used up), the script is not held up, and the
// picture stays in the store, served as before.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { freePort } from '../../src/uploads/net.fixture.ts';
import { DigestClient } from '../support/digest-fetch.ts';
import { decodeJpeg } from '../support/picture-text.ts';
import { endedRuns, getBytes, lastSeq, putScript, setInput, waitForEvents } from '../support/script-api.ts';
import { startServer, type RunningServer } from '../support/server.ts';

let server: RunningServer;
let root: DigestClient;

before(async () => {
  // A port that was free a moment ago and that nothing listens on: connection refused.
  const deadPort = await freePort();
  server = await startServer({
    config: {
      snapshot: { width: 320, height: 240 },
      uploads: {
        targets: [{ name: 'nas', kind: 'ftp', host: '127.0.0.1', port: deadPort, user: 'cam', password: 's3cret' }],
        retry: { attempts: 2, initial_delay_ms: 50 },
      },
    },
  });
  root = new DigestClient(server.url, 'root', 'pass');
});

after(async () => {
  await server?.stop();
});

test('each failed attempt is journaled: ok:false, willRetry:true, then the last with willRetry:false', async () => {
  const put = await putScript(root, '* * * * * /I1 :\nsnapshot;\nftp;\nlog after ftp;\n%\n');
  assert.equal(put.status, 200, put.text);
  const since = await lastSeq(root);
  await setInput(root, 1, 1);
  const events = await waitForEvents(root, since, (e) => e.filter((x) => x.kind === 'upload').length >= 2, 8000);
  // The script went on at once: the network is the queue's business.
  assert.equal(endedRuns(events, 1), 1);
  const finished = events.find((e) => e.kind === 'script_run' && e.data.outcome === 'finished')!;
  const lastUpload = events.filter((e) => e.kind === 'upload').at(-1)!;
  assert.ok(finished.seq < lastUpload.seq, 'the run waited for the retries');

  const id = events.find((e) => e.kind === 'snapshot')!.data.id as number;
  const uploads = events.filter((e) => e.kind === 'upload').map((e) => e.data);
  const file = uploads[0]!.file as string;
  assert.ok(file.endsWith(`_${id}.jpg`), file);
  assert.deepEqual(
    uploads.map(({ error, ...rest }) => ({ ...rest, code: (error as { code: string }).code })),
    [
      { target: 'nas', kind: 'ftp', file, attempt: 1, ok: false, willRetry: true, code: 'UPLOAD_CONNECT' },
      { target: 'nas', kind: 'ftp', file, attempt: 2, ok: false, willRetry: false, code: 'UPLOAD_CONNECT' },
    ],
  );
  for (const u of uploads) assert.ok(!JSON.stringify(u).includes('s3cret'), 'the FTP password is not in the journal');

  const picture = await getBytes(server.url, `/api/v1/snapshots/${id}.jpg`);
  assert.equal(picture.status, 200, 'the picture is still in the store');
  assert.equal(picture.type, 'image/jpeg');
  const decoded = decodeJpeg(picture.bytes);
  assert.deepEqual([decoded.width, decoded.height], [320, 240]);
});
