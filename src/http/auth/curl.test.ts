import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { Authenticator, type AuthenticatorOptions, type AuthFailureReason } from './authenticator.ts';
import { makeCredential } from './passwords.ts';

// A real client as the check on our reading of RFC 7616: curl computes its own responses.
const run = promisify(execFile);
const curlMissing = spawnSync('curl', ['--version']).status !== 0 && 'curl is not installed (scripts/install-system-packages.sh adds it)';

const REALM = 'auxio test';
const USERS = [makeCredential('root', 'admin', 'pass', REALM), makeCredential('viewer', 'viewer', 'se:cret', REALM)];

interface TestServer {
  url: string;
  /** Every failure reason the server answered, in order. */
  failures: AuthFailureReason[];
  close(): Promise<void>;
}

/** A node:http server that answers `<user> <role> <method> <url>` to authenticated requests. */
async function startServer(options: Partial<AuthenticatorOptions> = {}): Promise<TestServer> {
  const auth = new Authenticator({ realm: REALM, users: { find: (n) => USERS.find((u) => u.username === n) }, ...options });
  const failures: AuthFailureReason[] = [];
  const server: Server = createServer((req, res) => {
    const result = auth.authenticate({
      method: req.method ?? '', uri: req.url ?? '', authorization: req.headers.authorization, remoteAddress: req.socket.remoteAddress,
    });
    if (result.ok) {
      res.end(`${result.user.username} ${result.user.role} ${req.method} ${req.url}\n`);
      return;
    }
    failures.push(result.reason);
    setTimeout(() => {
      res.writeHead(401, { 'WWW-Authenticate': result.challenges, 'Content-Type': 'text/plain' });
      res.end('Unauthorized\n');
    }, result.delayMs);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return { url: `http://127.0.0.1:${port}`, failures, close };
}

/** Runs curl; returns the bodies and the final status codes it printed. */
async function curl(args: string[]): Promise<string> {
  const { stdout } = await run('curl', ['-sS', '--max-time', '10', '-w', '%{http_code}\n', ...args]);
  return stdout;
}

describe('real curl against Authenticator', { skip: curlMissing }, () => {
  let md5: TestServer;
  before(async () => { md5 = await startServer(); });
  after(() => md5.close());

  test('curl --digest (MD5) gets in, query string included', async () => {
    const out = await curl(['--digest', '-u', 'root:pass', `${md5.url}/io/input.txt?a=1&b=%2F`]);
    assert.equal(out, 'root admin GET /io/input.txt?a=1&b=%2F\n200\n');
    assert.equal(md5.failures.at(-1), 'missing');
  });

  // curl asks for a fresh challenge before every request, so nonce reuse with a rising nc is
  // covered in authenticator.test.ts instead.
  test('curl --digest gets in on each of several requests in one run', async () => {
    md5.failures.length = 0;
    const urls = ['/io/relayon.txt', '/io/relayoff.txt', '/io/input.txt'].map((p) => `${md5.url}${p}`);
    const out = await curl(['--digest', '-u', 'viewer:se:cret', ...urls]);
    assert.equal(out.match(/^200$/gm)?.length, 3, out);
    assert.deepEqual(md5.failures, ['missing', 'missing', 'missing']);
  });

  test('curl --digest with a POST and a wrong password', async () => {
    const post = await curl(['--digest', '-u', 'root:pass', '-X', 'POST', '-d', 'x=1', `${md5.url}/axis-cgi/param.cgi`]);
    assert.equal(post, 'root admin POST /axis-cgi/param.cgi\n200\n');
    const wrong = await curl(['--digest', '-u', 'root:wrong', `${md5.url}/io/input.txt`]);
    assert.match(wrong, /401\n$/);
    assert.equal(md5.failures.at(-1), 'bad-password');
  });

  test('curl --basic gets in with a good password and not with a bad one', async () => {
    assert.equal(await curl(['--basic', '-u', 'viewer:se:cret', `${md5.url}/io/`]), 'viewer viewer GET /io/\n200\n');
    assert.match(await curl(['--basic', '-u', 'viewer:nope', `${md5.url}/io/`]), /401\n$/);
    assert.equal(md5.failures.at(-1), 'bad-password');
  });

  test('curl --digest with SHA-256 when that is all the server offers', async () => {
    const sha = await startServer({ digestAlgorithms: ['SHA-256'], allowBasic: false });
    try {
      assert.equal(await curl(['--digest', '-u', 'root:pass', `${sha.url}/x`]), 'root admin GET /x\n200\n');
    } finally {
      await sha.close();
    }
  });
});
