import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateConfig } from './index.ts';

function problems(raw: unknown): string[] {
  try {
    validateConfig(raw);
  } catch (err) {
    return (err as { problems: string[] }).problems;
  }
  return [];
}

test('HTTPS needs a certificate and its key, or self_signed; each mistake names its key', () => {
  assert.deepEqual(problems({ http: { tls: {} } }), ['http.tls: give cert and key, or self_signed: true']);
  assert.deepEqual(problems({ http: { tls: { cert: 'c.pem' } } }), ['http.tls.key: cert and key go together']);
  assert.deepEqual(problems({ http: { tls: { key: 'k.pem' } } }), ['http.tls.cert: cert and key go together']);
  assert.deepEqual(problems({ http: { tls: { cert: 'c.pem', key: 'k.pem', self_signed: true } } }), ['http.tls.self_signed: either cert and key, or self_signed: true']);
  assert.deepEqual(problems({ http: { tls: { self_signed: true, port: 443 } } }), ['http.tls.port: unknown key']);
  assert.deepEqual(validateConfig({ http: { tls: { cert: 'c.pem', key: 'k.pem' } } }).http.tls, { cert: 'c.pem', key: 'k.pem', self_signed: false });
  assert.equal(validateConfig({}).http.tls, undefined, 'plain HTTP unless asked');
});
