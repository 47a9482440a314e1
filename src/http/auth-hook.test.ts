import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { createApp } from '../app.ts';
import { validateConfig } from '../config/index.ts';

const basic = (credentials: string) => `Basic ${Buffer.from(credentials, 'latin1').toString('base64')}`;

// Found by the HTTP fuzz (test/fuzz): a Basic user name is base64, so it can carry CR, LF and NUL
// past the HTTP parser into the journal, and from there into every reader of auth_failed entries.
test('a refused login journals the claimed name without its control characters', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'auxio-auth-hook-'));
  const app = await createApp({ config: validateConfig({ data_dir: dir, http: { host: '127.0.0.1', port: 0 } }), logger: pino({ level: 'silent' }) });
  await app.start();
  try {
    const seq = app.journal.lastSeq();
    for (const credentials of ['root\r\nX-Injected: 1:pass', 'ro\0ot:pass', 'eve\x1b[2J:x', 'digest"user:x']) {
      const res = await app.http.inject({ url: '/io/input.txt', headers: { authorization: basic(credentials) }, remoteAddress: '127.0.0.1' });
      assert.equal(res.statusCode, 401, credentials);
    }
    const names = app.journal.query({ since: seq, kind: 'auth_failed' }).map((e) => (e.data as { username: string | null }).username);
    assert.deepEqual(names, ['root??X-Injected', 'ro?ot', 'eve?[2J', 'digest"user']);
  } finally {
    await app.stop();
  }
});
