import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { createApp } from '../../app.ts';
import { validateConfig } from '../../config/index.ts';

const root = { authorization: `Basic ${Buffer.from('root:pass').toString('base64')}` };

// Found by the HTTP fuzz (test/fuzz): the first action switched before the second was read.
test('a port.cgi request with one bad argument is refused whole: no argument before it switches', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'auxio-io-cgi-'));
  const app = await createApp({ config: validateConfig({ data_dir: dir, http: { host: '127.0.0.1', port: 0 } }), logger: pino({ level: 'silent' }) });
  await app.start();
  try {
    const seq = app.journal.lastSeq();
    for (const query of ['action=3:/&action=', 'action=3:/&check=9', 'action=3:/&action=1:/', 'checkactive=3&action=3%3A%2F&check=1,x']) {
      const res = await app.http.inject({ url: `/axis-cgi/io/port.cgi?${query}`, headers: root, remoteAddress: '127.0.0.1' });
      assert.equal(res.statusCode, 400, query);
      assert.match(res.body, /^# Error: /, query);
      assert.equal(app.hub.outputs()[0]!.active, false, `${query} switched the relay`);
    }
    const out = await app.http.inject({ url: '/axis-cgi/io/output.cgi?action=1:/&action=2:/', headers: root, remoteAddress: '127.0.0.1' });
    assert.equal(out.statusCode, 400);
    assert.equal(app.hub.outputs()[0]!.active, false, 'output.cgi switched the relay');
    assert.equal(app.journal.lastSeq(), seq, 'the refused requests journaled nothing');
    const both = await app.http.inject({ url: '/axis-cgi/io/port.cgi?checkactive=3&action=3:/&checkactive=3', headers: root, remoteAddress: '127.0.0.1' });
    assert.equal(both.body, 'port3=inactive\nport3=active\n', 'valid arguments still run in the order given');
  } finally {
    await app.stop();
  }
});
