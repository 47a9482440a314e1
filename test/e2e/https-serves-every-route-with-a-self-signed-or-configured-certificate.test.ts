// Issue 7, security: "TLS (HTTPS with a configured or self-signed certificate)". The clients check
// the certificate (curl --cacert, ws with `ca`), never -k: a name that does not match would fail.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import WebSocket from 'ws';
import { generate } from 'selfsigned';
import { runCli, startServer, tempDir, type RunningServer } from '../support/server.ts';
import { curl } from '../support/curl.ts';

const servers: RunningServer[] = [];
after(async () => {
  for (const s of servers) await s.stop();
});

const SELF_SIGNED = { http: { tls: { self_signed: true } } };
const first = await startServer({ config: SELF_SIGNED });
servers.push(first);
const certFile = join(first.dataDir, 'tls', 'self-signed-cert.pem');
const localhost = first.url.replace('127.0.0.1', 'localhost');

test('a self-signed certificate is made once, for localhost and 127.0.0.1, and its key is private', async () => {
  assert.match(first.url, /^https:\/\//);
  assert.equal(statSync(join(first.dataDir, 'tls', 'self-signed-key.pem')).mode & 0o077, 0, 'the key is readable by others');
  for (const base of [first.url, localhost]) {
    const on = await curl(['--cacert', certFile, '--digest', '-u', 'root:pass', `${base}/io/relayon.txt`]);
    assert.equal(on.status, 200, base);
    assert.equal(on.body, 'Relay is On');
  }
  const off = await curl(['--cacert', certFile, '--basic', '-u', 'root:pass', `${first.url}/io/relayoff.txt`]);
  assert.equal(off.body, 'Relay is Off');
  const logged = first.logs.find((l) => l.msg === 'serving a self-signed certificate');
  assert.equal(logged?.file, certFile);
  assert.match(String(logged?.fingerprint), /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
  assert.doesNotMatch(JSON.stringify(first.logs), /PRIVATE KEY/);
});

test('plain HTTP on the HTTPS port switches nothing', async () => {
  const plain = await curl(['-u', 'root:pass', `${first.url.replace('https', 'http')}/io/relayon.txt`]).catch(() => ({ status: 0, body: '' }));
  assert.notEqual(plain.body, 'Relay is On');
  const state = await curl(['--cacert', certFile, '-u', 'root:pass', `${first.url}/api/v1/outputs/1`]);
  assert.equal(JSON.parse(state.body).active, false);
});

test('the Axis event stream runs over wss:// on the same port', async () => {
  const ws = new WebSocket(`${first.url.replace('https', 'wss')}/vapix/ws-data-stream?sources=events`, {
    ca: readFileSync(certFile),
    headers: { authorization: `Basic ${Buffer.from('root:pass').toString('base64')}` },
  });
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  const reply = new Promise<string>((resolve) => ws.once('message', (data) => resolve(data.toString())));
  ws.send(JSON.stringify({ apiVersion: '1.0', context: 'tls', method: 'events:configure', params: { eventFilterList: [{ topicFilter: '//.' }] } }));
  assert.equal(JSON.parse(await reply).method, 'events:configure');
  ws.terminate();
});

test('a restart keeps the same certificate, so clients that trusted it still do', async () => {
  const fingerprint = first.logs.find((l) => l.msg === 'serving a self-signed certificate')?.fingerprint;
  const before = readFileSync(certFile, 'utf8');
  await first.stop();
  const second = await startServer({ config: SELF_SIGNED, dataDir: first.dataDir });
  servers.push(second);
  assert.equal(readFileSync(certFile, 'utf8'), before);
  assert.equal(second.logs.find((l) => l.msg === 'serving a self-signed certificate')?.fingerprint, fingerprint);
  const input = await curl(['--cacert', certFile, '--digest', '-u', 'root:pass', `${second.url}/io/input.txt?peek`]);
  assert.equal(input.status, 200);
});

async function makePair(dir: string, name: string): Promise<{ cert: string; key: string }> {
  const made = await generate([{ name: 'commonName', value: 'localhost' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    extensions: [{ name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }] }],
  });
  const cert = join(dir, `${name}-cert.pem`);
  const key = join(dir, `${name}-key.pem`);
  writeFileSync(cert, made.cert);
  writeFileSync(key, made.private);
  return { cert, key };
}

const dir = tempDir('auxio-e2e-tls-');
const mine = await makePair(dir, 'mine');
const other = await makePair(dir, 'other');

test('a configured certificate is served as it is', async () => {
  const server = await startServer({ config: { http: { tls: mine } } });
  servers.push(server);
  const res = await curl(['--cacert', mine.cert, '--digest', '-u', 'root:pass', `${server.url}/io/input.txt?peek`]);
  assert.equal(res.status, 200);
  assert.match(res.body, /^input:1 current:0/);
  assert.ok(server.logs.some((l) => l.msg === 'serving the configured certificate'));
});

test('a missing file or a key that is not the certificate\'s stops start-up, naming the key', async () => {
  const serve = (tls: object, name: string) => {
    const file = join(dir, `${name}.yaml`);
    writeFileSync(file, JSON.stringify({ http: { tls } }));
    return runCli(['serve', '--config', file, '--port', '0', '--host', '127.0.0.1', '--data', join(dir, `${name}.data`)]);
  };
  const [missing, mismatched] = await Promise.all([
    serve({ cert: join(dir, 'nope.pem'), key: mine.key }, 'missing'),
    serve({ cert: mine.cert, key: other.key }, 'mismatched'),
  ]);
  assert.equal(missing.code, 2, missing.stderr);
  assert.match(missing.stderr, /http\.tls\.cert: cannot read .*nope\.pem \(no such file\)/);
  assert.equal(mismatched.code, 2, mismatched.stderr);
  assert.match(mismatched.stderr, /http\.tls: the certificate and key are not a usable pair/);
  assert.doesNotMatch(missing.stdout + mismatched.stdout, /listening/);
});
