import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig, validateConfig } from './index.ts';

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

test('names every object answers to are no backend names, and a realm cannot carry a line break', () => {
  for (const backend of ['toString', 'constructor', '__proto__']) {
    assert.deepEqual(problems({ io: { inputs: [{ backend }] } }), [`io.inputs.0.backend: no backend named "${backend}"`]);
  }
  assert.match(problems({ http: { realm: 'a\r\nb' } })[0]!, /^http\.realm: no control characters/);
  assert.equal(validateConfig({ http: { realm: 'Door controller 2' } }).http.realm, 'Door controller 2');
});

test('a YAML alias to no anchor is a config error naming the file, not a crash', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'auxio-config-'));
  const file = join(dir, 'auxio.yaml');
  writeFileSync(file, 'data_dir: *nowhere\n');
  await assert.rejects(loadConfig(file), (err: unknown) => err instanceof ConfigError && /^\(root\): .*nowhere/.test(err.problems[0]!));
});
