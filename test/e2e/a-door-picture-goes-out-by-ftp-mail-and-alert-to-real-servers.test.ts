// The script's `ftp`, `mail` and `alert` commands through the real server to real receivers: an
// FTP server (ftp-srv), an SMTP server (smtp-server) and an HTTP webhook. The picture arrives on
// FTP under its final name with the stored bytes, the mail carries it attached, the alert names
// the trigger, and each delivery is an `upload` journal entry with ok:true.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startFtpServer, type FtpServerFixture } from '../../src/uploads/ftp-server.fixture.ts';
import { parseMime } from '../../src/uploads/mime.fixture.ts';
import { startHttpReceiver } from '../../src/uploads/receivers.fixture.ts';
import { startSmtpServer, type SmtpServerFixture } from '../../src/uploads/smtp-server.fixture.ts';
import { DigestClient } from '../support/digest-fetch.ts';
import type { EventJson } from '../support/journal-pages.ts';
import { getBytes, lastSeq, listSnapshots, putScript, setInput, waitForEvents, type SnapshotJson } from '../support/script-api.ts';
import { startServer, type RunningServer } from '../support/server.ts';

const TRIGGER = 'entry 1: /I1';

let ftp: FtpServerFixture;
let smtp: SmtpServerFixture;
let hook: Awaited<ReturnType<typeof startHttpReceiver>>;
let server: RunningServer;
let root: DigestClient;
let uploads: EventJson[] = [];
let record: SnapshotJson;
let stored: Buffer;

before(async () => {
  [ftp, smtp, hook] = await Promise.all([startFtpServer(), startSmtpServer(), startHttpReceiver()]);
  server = await startServer({
    config: {
      snapshot: { width: 320, height: 240 },
      uploads: {
        targets: [
          { name: 'nas', kind: 'ftp', host: '127.0.0.1', port: ftp.port, user: 'cam', password: 's3cret', dir: '/door' },
          { name: 'office', kind: 'mail', host: '127.0.0.1', port: smtp.port, from: 'camera@example.com', to: ['guard@example.com'] },
          { name: 'hook', kind: 'alert', url: `${hook.url}/hooks/door` },
        ],
      },
    },
  });
  root = new DigestClient(server.url, 'root', 'pass');
});

after(async () => {
  await server?.stop();
  await Promise.all([ftp?.close(), smtp?.close(), hook?.close()]);
});

test('one door opening sends three uploads, each journaled ok on its first attempt', async () => {
  const put = await putScript(root, '* * * * * /I1 :\nsnapshot;\nftp;\nmail;\nalert;\n%\n');
  assert.equal(put.status, 200, put.text);
  const since = await lastSeq(root);
  await setInput(root, 1, 1);
  const events = await waitForEvents(root, since, (e) => e.filter((x) => x.kind === 'upload').length >= 3, 8000);
  const snapshot = events.find((e) => e.kind === 'snapshot')!;
  record = (await listSnapshots(root)).find((s) => s.id === snapshot.data.id)!;
  assert.equal(record.trigger, TRIGGER);
  stored = (await getBytes(server.url, record.url)).bytes;
  uploads = events.filter((e) => e.kind === 'upload');
  const file = uploads[0]!.data.file as string;
  assert.match(file, new RegExp(`^\\d{4}-\\d\\d-\\d\\dT\\d\\d-\\d\\d-\\d\\d-\\d{3}Z_${record.id}\\.jpg$`));
  assert.deepEqual(
    uploads.map((e) => e.data).sort((a, b) => String(a.target).localeCompare(String(b.target))),
    [
      { target: 'hook', kind: 'alert', file, attempt: 1, ok: true, willRetry: false },
      { target: 'nas', kind: 'ftp', file, attempt: 1, ok: true, willRetry: false },
      { target: 'office', kind: 'mail', file, attempt: 1, ok: true, willRetry: false },
    ],
  );
});

test('FTP: the picture sits in /door under its final name, byte for byte the stored one, no temp file left', () => {
  assert.ok(stored, 'nothing from the first test');
  const file = uploads[0]!.data.file as string;
  assert.deepEqual(readdirSync(join(ftp.root, 'door')), [file]);
  assert.ok(readFileSync(join(ftp.root, 'door', file)).equals(stored), 'the FTP copy differs from GET /api/v1/snapshots/{id}.jpg');
  // Written under a temporary name and renamed only when whole.
  const renames = ftp.events.filter((e) => e.startsWith('RNTO'));
  assert.equal(renames.length, 1);
  assert.match(renames[0]!, new RegExp(`${file.replace(/\./g, '\\.')}$`));
  const rnfr = ftp.events.find((e) => e.startsWith('RNFR'))!;
  assert.match(rnfr, new RegExp(`\\(${stored.length} bytes\\)$`), 'the temp file was complete before the rename');
});

test('mail: one message to the guard, the picture attached as image/jpeg, subject naming the trigger', () => {
  assert.ok(stored, 'nothing from the first test');
  assert.equal(smtp.mails.length, 1);
  const mail = smtp.mails[0]!;
  assert.deepEqual([mail.from, mail.to], ['camera@example.com', ['guard@example.com']]);
  const { headers, parts } = parseMime(mail.raw);
  assert.ok((headers.get('subject') ?? '').includes(TRIGGER), `subject: ${headers.get('subject')}`);
  const pictures = parts.filter((p) => (p.headers.get('content-type') ?? '').startsWith('image/jpeg'));
  assert.equal(pictures.length, 1);
  assert.ok(pictures[0]!.body.equals(stored), 'the attachment differs from the stored picture');
  assert.ok((pictures[0]!.headers.get('content-disposition') ?? '').includes(uploads[0]!.data.file as string));
});

test('alert: one JSON POST naming the trigger and the picture time', () => {
  assert.ok(record, 'nothing from the first test');
  assert.equal(hook.requests.length, 1);
  const [req] = hook.requests;
  assert.deepEqual([req!.method, req!.path], ['POST', '/hooks/door']);
  assert.match(String(req!.headers['content-type']), /^application\/json/);
  assert.deepEqual(JSON.parse(req!.body), { source: 'auxio', trigger: TRIGGER, time: record.takenAt, message: 'alert' });
});
