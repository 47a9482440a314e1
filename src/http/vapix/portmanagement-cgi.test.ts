import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { createApp } from '../../app.ts';
import { validateConfig } from '../../config/index.ts';

const root = { authorization: `Basic ${Buffer.from('root:pass').toString('base64')}`, 'content-type': 'application/json' };

// Found by the HTTP fuzz (test/fuzz): naming the bad port in the answer threw on an object that does not stringify.
test('a port id that is an object is an invalid parameter (2104), not an internal error', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'auxio-portmanagement-'));
  const app = await createApp({ config: validateConfig({ data_dir: dir, http: { host: '127.0.0.1', port: 0 } }), logger: pino({ level: 'silent' }) });
  await app.start();
  try {
    const calls = [
      { method: 'setStateSequence', params: { port: { toString: 1 }, sequence: [{ state: 'closed', time: 0 }] } },
      { method: 'setPorts', params: { ports: [{ port: [{ toString: 1 }], state: 'closed' }] } },
      { method: 'setPorts', params: { ports: [{ port: { port: '2' }, state: 'closed' }] } },
    ];
    for (const call of calls) {
      const res = await app.http.inject({ method: 'POST', url: '/axis-cgi/io/portmanagement.cgi', headers: root, payload: { apiVersion: '1.0', ...call }, remoteAddress: '127.0.0.1' });
      assert.equal(res.statusCode, 200);
      assert.equal(res.json().error?.code, 2104, res.body);
    }
    assert.equal(app.hub.outputs()[0]!.active, false);
  } finally {
    await app.stop();
  }
});
