import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { createApp } from '../../app.ts';
import { validateConfig } from '../../config/index.ts';
import { redactConfig } from './api-config.ts';

test('every password in the config is shown as ***, the rest as it is', () => {
  const config = validateConfig({
    uploads: { targets: [{ name: 'nas', kind: 'ftp', host: 'h', user: 'u', password: 'hunter2' }] },
    snapshot: { sources: [{ name: 'cam', kind: 'http', url: 'http://cam/x.jpg', username: 'v', password: 's3cret' }] },
  });
  const shown = JSON.stringify(redactConfig(config));
  assert.ok(!shown.includes('hunter2') && !shown.includes('s3cret'));
  assert.match(shown, /"user":"u","password":"\*\*\*"/);
  assert.match(shown, /"username":"v","password":"\*\*\*"/);
});

// Found by the HTTP fuzz (test/fuzz): a name with CR or LF went into the journal, MQTT discovery and
// param.cgi; param.cgi and portmanagement.cgi already refuse such names.
test('a channel name with control characters is refused and changes nothing', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'auxio-channels-'));
  const app = await createApp({ config: validateConfig({ data_dir: dir, http: { host: '127.0.0.1', port: 0 } }), logger: pino({ level: 'silent' }) });
  await app.start();
  try {
    const headers = { authorization: `Basic ${Buffer.from('root:pass').toString('base64')}`, 'content-type': 'application/json' };
    const seq = app.journal.lastSeq();
    for (const name of ['Door\r\nX-Injected: 1', 'Door\u0000', 'a\nb', 'Gate\u001b[2J']) {
      const res = await app.http.inject({ method: 'PATCH', url: '/api/v1/channels/output1', headers, payload: { name }, remoteAddress: '127.0.0.1' });
      assert.equal(res.statusCode, 400, JSON.stringify(name));
      assert.match(res.json().error.message, /^invalid body: name: /);
    }
    assert.equal(app.journal.lastSeq(), seq);
    assert.equal(app.hub.outputs()[0]!.name, 'Relay 1');
    const ok = await app.http.inject({ method: 'PATCH', url: '/api/v1/channels/output1', headers, payload: { name: ' Gate\tlamp ' }, remoteAddress: '127.0.0.1' });
    assert.equal(ok.statusCode, 400, 'a tab is a control character too');
    const fine = await app.http.inject({ method: 'PATCH', url: '/api/v1/channels/output1', headers, payload: { name: ' Gate lamp ' }, remoteAddress: '127.0.0.1' });
    assert.equal(fine.statusCode, 200);
    assert.equal(app.hub.outputs()[0]!.name, 'Gate lamp');
  } finally {
    await app.stop();
  }
});
