// The queue against a real FTP server that is down, comes back, or never does.
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { startFtpServer } from './ftp-server.fixture.ts';
import type { FtpServerFixture } from './ftp-server.fixture.ts';
import { FtpTarget } from './ftp.ts';
import { sampleItem } from './item.fixture.ts';
import { freePort } from './net.fixture.ts';
import { outcomeLog, summary } from './outcomes.fixture.ts';
import { sleep } from './scripted-target.fixture.ts';
import { UploadQueue } from './upload-queue.ts';

const login = { user: 'cam', password: 's3cret' };

test('a server that is down at first gets the picture once it comes up, after back-off', async (t) => {
  const port = await freePort();
  const root = await mkdtemp(join(tmpdir(), 'auxio-ftp-'));
  t.after(() => rm(root, { recursive: true, force: true }));
  let server: Promise<FtpServerFixture> | undefined;
  t.after(async () => (await server)?.close());
  const log = outcomeLog();
  const queue = new UploadQueue({
    targets: [new FtpTarget({ name: 'nas', host: '127.0.0.1', port, ...login })],
    retry: { attempts: 8, initialDelayMs: 30, maxDelayMs: 1000 },
    onOutcome: (o) => {
      log.onOutcome(o);
      // The outage ends after the second failed attempt.
      if (o.attempt === 2) server = startFtpServer({ port, root, ...login });
    },
  });
  t.after(() => queue.stop());
  const item = sampleItem();

  queue.enqueue('nas', item);
  await log.waitFor((o) => o.some((x) => x.ok || !x.willRetry));

  const failures = log.outcomes.slice(0, -1);
  assert.ok(failures.length >= 2, summary(log.outcomes).join('\n'));
  failures.forEach((o, i) => {
    assert.equal(o.error?.code, 'UPLOAD_CONNECT');
    assert.equal(o.willRetry, true);
    assert.equal(o.nextDelayMs, 30 * 2 ** i, 'the wait doubles');
    if (i > 0) assert.ok(o.at - failures[i - 1]!.at >= failures[i - 1]!.nextDelayMs! - 2, 'the wait was kept');
  });
  assert.deepEqual(summary(log.outcomes.slice(-1)), [`nas ${item.fileName} #${failures.length + 1} ok final`]);
  assert.deepEqual(await readFile(join(root, item.fileName)), item.jpeg);
  assert.deepEqual((await server!).events.slice(-2), [`RNFR .${item.fileName}.tmp (${item.jpeg!.length} bytes)`, `RNTO ${item.fileName}`]);
});

test('a server that never comes up: each item gives up after `attempts`, every attempt reported', async () => {
  const port = await freePort();
  const log = outcomeLog();
  const queue = new UploadQueue({
    targets: [new FtpTarget({ name: 'nas', host: '127.0.0.1', port, ...login })],
    retry: { attempts: 3, initialDelayMs: 20 },
    onOutcome: log.onOutcome,
  });

  queue.enqueue('nas', sampleItem({ fileName: 'a.jpg' }));
  await log.waitFor((o) => o.some((x) => !x.willRetry));
  await sleep(100); // and then nothing more

  assert.deepEqual(summary(log.outcomes), [
    'nas a.jpg #1 UPLOAD_CONNECT retry in 20',
    'nas a.jpg #2 UPLOAD_CONNECT retry in 40',
    'nas a.jpg #3 UPLOAD_CONNECT final',
  ]);
  assert.match(log.outcomes[2]!.error!.message, /^upload target "nas": cannot reach the server: ftp:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)$/);
  await queue.stop();
});

test('during an outage waiting items are bounded: the oldest are dropped and reported', async () => {
  const port = await freePort();
  const log = outcomeLog();
  const queue = new UploadQueue({
    targets: [new FtpTarget({ name: 'nas', host: '127.0.0.1', port, ...login })],
    retry: { attempts: 2, initialDelayMs: 20 },
    maxPending: 2,
    onOutcome: log.onOutcome,
  });

  for (const name of ['1.jpg', '2.jpg', '3.jpg', '4.jpg', '5.jpg']) queue.enqueue('nas', sampleItem({ fileName: name }));
  await log.waitFor((o) => o.filter((x) => !x.willRetry).length === 5);

  const final = summary(log.outcomes.filter((o) => !o.willRetry));
  assert.deepEqual(final, [
    'nas 2.jpg #0 UPLOAD_DROPPED final',
    'nas 3.jpg #0 UPLOAD_DROPPED final',
    'nas 1.jpg #2 UPLOAD_CONNECT final',
    'nas 4.jpg #2 UPLOAD_CONNECT final',
    'nas 5.jpg #2 UPLOAD_CONNECT final',
  ]);
  await queue.stop();
});

test('after the outage the files that were not dropped all arrive, in order', async (t) => {
  const port = await freePort();
  const log = outcomeLog();
  let server: Promise<FtpServerFixture> | undefined;
  t.after(async () => (await server)?.close());
  const queue = new UploadQueue({
    targets: [new FtpTarget({ name: 'nas', host: '127.0.0.1', port, ...login })],
    retry: { attempts: 10, initialDelayMs: 20 },
    maxPending: 2,
    onOutcome: (o) => {
      log.onOutcome(o);
      if (o.attempt === 1 && !o.ok && server === undefined) server = startFtpServer({ port, ...login });
    },
  });

  for (const name of ['1.jpg', '2.jpg', '3.jpg', '4.jpg']) queue.enqueue('nas', sampleItem({ fileName: name }));
  await log.waitFor((o) => o.filter((x) => !x.willRetry).length === 4);

  assert.deepEqual(summary(log.outcomes.filter((o) => !o.willRetry)), [
    'nas 2.jpg #0 UPLOAD_DROPPED final',
    `nas 1.jpg #${log.outcomes.filter((o) => o.fileName === '1.jpg').length} ok final`,
    'nas 3.jpg #1 ok final',
    'nas 4.jpg #1 ok final',
  ]);
  const { root, events } = await server!;
  assert.deepEqual((await readdir(root)).sort(), ['1.jpg', '3.jpg', '4.jpg']);
  assert.deepEqual(events.filter((e) => e.startsWith('RNTO')), ['RNTO 1.jpg', 'RNTO 3.jpg', 'RNTO 4.jpg']);
  await queue.stop();
});
