import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { createApp } from '../app.ts';
import { validateConfig } from '../config/index.ts';

const auth = { authorization: `Basic ${Buffer.from('root:pass').toString('base64')}` };

test('browser requests from other sites are refused; auxio\'s own page and non-browser clients are not', async () => {
  const app = await createApp({
    config: validateConfig({ data_dir: mkdtempSync(join(tmpdir(), 'auxio-csrf-')), http: { host: '127.0.0.1', port: 0 } }),
    logger: pino({ level: 'silent' }),
  });
  await app.start();
  const host = '127.0.0.1:8080'; // root/pass needs a Host naming this machine (no DNS rebinding)
  const ask = (method: 'GET' | 'PUT', url: string, headers: Record<string, string>) =>
    app.http.inject({ method, url, headers: { ...auth, host, ...headers }, ...(method === 'PUT' ? { payload: { active: true } } : {}) });
  try {
    // <img src="http://auxio/io/relayon.txt"> on another site.
    const img = await ask('GET', '/io/relayon.txt', { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'no-cors' });
    assert.equal(img.statusCode, 403);
    assert.match(img.body, /cross-site request forgery/);
    // A form or fetch from another site that would switch the relay.
    const forged = await ask('PUT', '/api/v1/outputs/1', { origin: 'http://evil.example', 'content-type': 'application/json' });
    assert.equal(forged.statusCode, 403);
    assert.equal(JSON.parse(forged.body).error.code, 'CROSS_SITE');
    assert.equal(app.hub.outputs()[0]!.active, false, 'nothing was switched');

    // The user following a link, auxio's own page, and curl.
    assert.equal((await ask('GET', '/io/input.txt?peek', { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'navigate' })).statusCode, 200);
    const own = await ask('PUT', '/api/v1/outputs/1', { origin: `http://${host}`, 'sec-fetch-site': 'same-origin', 'content-type': 'application/json' });
    assert.equal(own.statusCode, 200);
    assert.equal((await ask('GET', '/io/relayoff.txt', {})).body, 'Relay is Off');
  } finally {
    await app.stop();
  }
});
