// Path traversal and header injection, against the real server with real clients: curl with
// --path-as-is, and raw sockets for the bytes curl will not send. Nothing in a request becomes a
// path: pictures come from the store's index by number, the page's files from a fixed list read at
// start. Nothing in a request comes back as a header, and no CR, LF or NUL from a request reaches a
// journal entry or a log line. The factory login needs a Host naming this machine (DNS rebinding).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { api } from '../support/api.ts';
import { curlRaw, type CurlResponse } from '../support/curl-raw.ts';
import { rawHttp, type RawAnswer } from '../support/raw-http.ts';
import { startServer, tempDir, type RunningServer } from '../support/server.ts';

let server: RunningServer;
const canary = `auxio-canary-${randomBytes(6).toString('hex')}`;
let outsideFile: string;
const ROOT = `Basic ${Buffer.from('root:pass').toString('base64')}`;
const WEB_DIR = new URL('../../web/', import.meta.url);
const webFiles = readdirSync(WEB_DIR).map((name) => readFileSync(new URL(name, WEB_DIR)));

before(async () => {
  // A data dir in a folder of its own, so "nothing appeared beside it" is not about other tests' files.
  server = await startServer({ dataDir: join(tempDir(), 'data') });
  // One file beside the data dir, one inside it: neither may ever be served.
  outsideFile = join(dirname(server.dataDir), `${canary}.txt`);
  writeFileSync(outsideFile, `${canary} outside`);
  writeFileSync(join(server.dataDir, `${canary}.jpg`), `${canary} inside`);
  const taken = await api(server.url, '/api/v1/snapshots', { method: 'POST', body: { label: 'traversal' } });
  assert.equal(taken.status, 201, JSON.stringify(taken.body));
});

after(async () => {
  await server?.stop();
  rmSync(outsideFile, { force: true });
});

/** What no answer may contain: the canaries, the journal database, package.json, /etc/passwd, source. */
const SECRETS: Array<[string, RegExp]> = [
  ['a canary file', new RegExp(`${canary} (inside|outside)`)],
  ['the SQLite journal', /SQLite format 3/],
  ['package.json', /"name": "auxio"/],
  ['/etc/passwd', /^root:[^:\n]*:0:0:/m],
  ['source code', /from '\.\.?\/[\w/-]+\.ts'/],
];

function assertNothingLeaked(what: string, body: Buffer | string): void {
  const text = typeof body === 'string' ? body : body.toString('latin1');
  for (const [name, pattern] of SECRETS) assert.doesNotMatch(text, pattern, `${what} served ${name}`);
}

/** A GET with curl as written (`--path-as-is`: no `..` resolved on the way). */
async function curlAsIs(path: string, method = 'GET'): Promise<{ status: number; body: string; responses: CurlResponse[] }> {
  const run = await curlRaw(['--path-as-is', '-X', method, '-H', `Authorization: ${ROOT}`, `${server.url}${path}`]);
  return { status: run.status, body: run.body, responses: run.responses };
}

/** A request written byte for byte, with the factory login and a Host naming this machine unless given. */
function raw(target: string, options: { method?: string; headers?: string[]; host?: string; body?: string; login?: boolean } = {}): Promise<RawAnswer> {
  const body = options.body ?? '';
  const lines = [
    `${options.method ?? 'GET'} ${target} HTTP/1.1`,
    `Host: ${options.host ?? `127.0.0.1:${server.port}`}`,
    ...(options.login === false ? [] : [`Authorization: ${ROOT}`]),
    ...(options.headers ?? []),
    ...(body ? [`Content-Length: ${Buffer.byteLength(body, 'latin1')}`] : []),
    'Connection: close',
  ];
  return rawHttp(server.port, `${lines.join('\r\n')}\r\n\r\n${body}`);
}

const TRAVERSALS = [
  '../', '..%2f', '%2e%2e%2f', '%2e%2e/', '.%2e/', '%252e%252e%252f', '..%252f', '..%5c', '%2e%2e%5c', '%c0%ae%c0%ae%c0%af', '%c0%ae%c0%ae/', '..%c0%af',
  '%e0%80%ae%e0%80%ae/', '....//', '..;/', '..%00/',
];
/** Where the canaries and secrets are, as seen from a route: up through the data dir, web/ and src/. */
const DESTINATIONS = ['auxio.db', `${canary}.jpg`, `${canary}.txt`, 'package.json', 'etc/passwd', 'src/app.ts'];

function climbs(prefix: string): string[] {
  return TRAVERSALS.flatMap((up) => DESTINATIONS.map((to) => `${prefix}${up.repeat(6)}${to}`));
}

/**
 * Asks for each path as curl sends it with --path-as-is, once per traversal spelling, and the rest
 * (the same request-target bytes) over a raw socket, which is quicker than a curl process each.
 */
async function askAll(paths: readonly string[], check: (path: string, status: number, body: Buffer | string) => void): Promise<void> {
  const byCurl = new Set(TRAVERSALS.map((up) => paths.find((p) => p.includes(up.repeat(6)))));
  for (const path of paths) {
    if (byCurl.has(path)) {
      const res = await curlAsIs(path);
      check(path, res.status, res.body);
    } else {
      const res = await raw(path);
      check(path, res.status, res.body);
    }
  }
}

test('a snapshot id is a number from the index: traversal, NUL and other spellings serve nothing', async () => {
  const real = await curlAsIs('/api/v1/snapshots/1.jpg');
  assert.equal(real.status, 200, 'the stored picture itself is served');
  const ids = [
    ...climbs('/api/v1/snapshots/'), ...climbs('/api/v1/snapshots/1.jpg/'), '/api/v1/snapshots/1.jpg%00', '/api/v1/snapshots/1%00.jpg',
    '/api/v1/snapshots/%2fetc%2fpasswd', '/api/v1/snapshots/01.jpg', '/api/v1/snapshots/1.jpg.jpg', '/api/v1/snapshots/-1.jpg',
    `/api/v1/snapshots/${canary}.jpg`, '/api/v1/snapshots/snapshots%2f1.jpg', '/api/v1/snapshots/1e0.jpg', '/api/v1/snapshots/0x1.jpg',
    '/api/v1/snapshots/..\\..\\auxio.db', '/api/v1/snapshots/1.jpg\\..\\..\\auxio.db',
  ];
  await askAll(ids, (path, status, body) => {
    assert.ok(status === 404 || status === 400, `${path}: ${status}`);
    assertNothingLeaked(path, body);
  });
  for (const path of ['/api/v1/snapshots/\xc0\xae\xc0\xae/auxio.db', '/api/v1/snapshots/1.jpg\0']) {
    const res = await raw(path);
    assert.equal(res.status, 400, JSON.stringify(path));
    assertNothingLeaked(JSON.stringify(path), res.body);
  }
});

test("around the page's files, nothing outside web/ is served", async () => {
  const paths = [
    ...climbs('/'), ...climbs('/index.html/'), ...climbs('/io/'), '//etc/passwd', '/%2fetc%2fpasswd', '/web/../package.json', '/README.md', '/.git/config',
    '/node_modules/fastify/package.json', '/app.js%00.html', '/index.html%00', '/app.js/', '/APP.JS', '/app.js;.html', '/src/app.ts', '/snapshots/', `/${canary}.jpg`,
    '/..\\..\\package.json', '/..\\web\\..\\package.json', '/\\etc\\passwd', '/index.html\\..\\..\\package.json',
  ];
  await askAll(paths, (path, status, body) => {
    assertNothingLeaked(path, body);
    const text = typeof body === 'string' ? body : body.toString('latin1');
    if (status === 200) assert.ok(webFiles.some((f) => f.toString('latin1') === text), `${path} served something that is not a page file`);
  });
});

test('user names, channel ids, output, input and entry numbers are never paths, and nothing is created', async () => {
  const before = readdirSync(server.dataDir, { recursive: true }).sort();
  const beside = readdirSync(dirname(server.dataDir)).sort();
  const cases: Array<[string, string, string | undefined]> = [];
  for (const up of ['..%2f', '%2e%2e%2f', '..%5c', '%252e%252e%252f', '..%00']) {
    cases.push(
      ['PUT', `/api/v1/users/${up}${up}${canary}`, '{"password":"secret-1","role":"viewer"}'],
      ['DELETE', `/api/v1/users/${up}${up}auxio.db`, undefined],
      ['PATCH', `/api/v1/channels/${up}output1`, '{"name":"x"}'],
      ['PUT', `/api/v1/outputs/${up}1`, '{"active":true}'],
      ['POST', `/api/v1/sim/inputs/${up}1`, '{"level":1}'],
      ['POST', `/api/v1/script/entries/${up}1/run`, undefined],
      ['GET', `/api/v1/script/${up}${up}etc/passwd`, undefined],
    );
  }
  for (const [method, path, body] of cases) {
    const args = ['--path-as-is', '-X', method, '-H', `Authorization: ${ROOT}`, ...(body ? ['-H', 'Content-Type: application/json', '--data-binary', body] : []), `${server.url}${path}`];
    const res = await curlRaw(args);
    assert.ok([400, 404].includes(res.status), `${method} ${path}: ${res.status} ${res.body}`);
    assertNothingLeaked(path, res.body);
  }
  assert.deepEqual(readdirSync(server.dataDir, { recursive: true }).sort(), before, 'no file appeared in the data dir');
  assert.deepEqual(readdirSync(dirname(server.dataDir)).sort(), beside, 'no file appeared beside it');
  const io = await api(server.url, '/api/v1/io');
  assert.equal(io.body.channels.find((c: { id: string }) => c.id === 'output1').active, false, 'no relay switched');
});

const INJECTED = /x-injected|set-cookie/i;

/** No header the request asked for, and no header value holding what the request sent. */
function assertNoInjectedHeader(what: string, head: string): void {
  for (const line of head.split('\r\n').slice(1)) {
    assert.doesNotMatch(line, INJECTED, `${what}: injected header line ${JSON.stringify(line)}`);
    assert.doesNotMatch(line, /[\0\n\r]/, `${what}: raw control character in ${JSON.stringify(line)}`);
  }
}

test('CR, LF and NUL in query values come back in no header and split no answer line', async () => {
  const evil = ['%0d%0aX-Injected:%201', '%0aSet-Cookie:%20a=b', '%0d%0a%0d%0a<html>', '%00X-Injected', '%E5%98%8A%E5%98%8DX-Injected:%201'];
  for (const value of evil) {
    for (const path of [
      `/io/input.txt?peek&x=${value}`, `/api/v1/events?channel=${value}`, `/api/v1/events?kind=${value}`, `/axis-cgi/io/port.cgi?check=${value}`,
      `/axis-cgi/io/port.cgi?action=3${value}`, `/axis-cgi/param.cgi?action=list&group=${value}`, `/axis-cgi/param.cgi?action=${value}`,
      `/axis-cgi/param.cgi?action=update&root.IOPort.I0.Input.Name=${value}`, `/axis-cgi/jpg/image.cgi?resolution=${value}`, `/snapshot.jpg?${value}`, `/?${value}`,
    ]) {
      const res = await raw(path);
      assertNoInjectedHeader(path, res.head);
      assert.ok(res.status < 500, `${path}: ${res.status}`);
      if (path.includes('.cgi')) {
        const lines = res.body.toString('latin1').split(/\r?\n/).filter((l) => l !== '');
        for (const line of lines) {
          assert.match(line, /^(# Error: |<!-- |root\.|port\d|[A-Za-z.]+=|OK$)/, `${path}: a line ${JSON.stringify(line)}`);
          assert.doesNotMatch(line, /[\x00-\x1f\x7f]/, `${path}: a control character in ${JSON.stringify(line)}`);
        }
      }
    }
  }
  const io = await api(server.url, '/api/v1/io');
  for (const { name } of io.body.channels) assert.doesNotMatch(name, /[\x00-\x1f\x7f]/, 'param.cgi took a name with a control character');
});

test('raw CR, LF or NUL in the request line or a header is refused, and never comes back as a header', async () => {
  for (const line of ['GET /io/input.txt?peek&x=a\rX-Injected: 1 HTTP/1.1', 'GET /io/input.txt?peek&x=a\0b HTTP/1.1']) {
    const res = await rawHttp(server.port, `${line}\r\nHost: 127.0.0.1\r\nAuthorization: ${ROOT}\r\nConnection: close\r\n\r\n`);
    assert.equal(res.status, 400, JSON.stringify(line));
    assertNoInjectedHeader(JSON.stringify(line), res.head);
    // Refused by Node's parser, before fastify: still auxio's error shape, nothing of the request echoed.
    assert.deepEqual(JSON.parse(res.body.toString()), { error: { code: 'BAD_REQUEST', message: 'bad request: malformed HTTP request' } });
    assert.ok(res.headers.some(([name, value]) => name === 'x-content-type-options' && value === 'nosniff'));
  }
  // node's parser takes a bare LF as the end of the request line: the rest is a request header, never an answer's.
  const bare = await rawHttp(server.port, `GET /io/input.txt?peek\nX-Injected: 1 HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: ${ROOT}\r\nConnection: close\r\n\r\n`);
  assertNoInjectedHeader('a bare LF in the request line', bare.head);
  for (const header of ['X-A: a\0b', 'X-A: a\r\n folded', 'X-A: a\nX-Injected: 1', 'Origin: http://127.0.0.1\rX-Injected: 1']) {
    const res = await raw('/io/relayon.txt', { headers: [header] });
    assert.equal(res.status, 400, JSON.stringify(header));
    assertNoInjectedHeader(JSON.stringify(header), res.head);
  }
  const io = await api(server.url, '/api/v1/io');
  assert.equal(io.body.channels.find((c: { id: string }) => c.id === 'output1').active, false, 'no refused request switched the relay');
});

test('a user name with CR, LF or NUL is refused, and journaled without them', async () => {
  const seq = (await api(server.url, '/api/v1/status')).body.lastSeq as number;
  for (const name of ['eve%0d%0aX-Injected', 'eve%00', 'eve%0a']) {
    const res = await api(server.url, `/api/v1/users/${name}`, { method: 'PUT', body: { password: 'secret-1', role: 'admin' } });
    assert.equal(res.status, 400, name);
  }
  const logins = ['eve\r\nX-Injected: 1:x', 'eve\0:x', 'e\x1b[2Jve:x', `${'\n'.repeat(3)}:x`];
  for (const login of logins) {
    const res = await rawHttp(server.port, `GET /io/input.txt HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Basic ${Buffer.from(login, 'latin1').toString('base64')}\r\nConnection: close\r\n\r\n`);
    assert.equal(res.status, 401);
    assertNoInjectedHeader(JSON.stringify(login), res.head);
    const challenges = res.headers.filter(([n]) => n === 'www-authenticate').map(([, v]) => v);
    assert.ok(challenges.length > 0);
    for (const c of challenges) assert.match(c, /^(Digest realm="auxio", qop="auth", algorithm=[\w-]+, nonce="[\w+/=.-]+", opaque="[\w-]+"(, stale=true)?|Basic realm="auxio")$/);
  }
  // A header value may hold a tab; a Digest name is not base64, so that is all it can carry.
  const digest = `Digest username="eve\tX", realm="auxio", nonce="x", uri="/io/input.txt", response="${'0'.repeat(32)}", qop=auth, nc=00000001, cnonce="c"`;
  assert.equal((await raw('/io/input.txt', { headers: [`Authorization: ${digest}`], login: false })).status, 401);
  const events = await api(server.url, `/api/v1/events?since=${seq}&kind=auth_failed&limit=100`);
  const names = events.body.events.map((e: { data: { username: string | null } }) => e.data.username);
  assert.deepEqual(names, ['eve??X-Injected', 'eve?', 'e?[2Jve', '???', 'eve?X']);
});

test('Host header abuse: no answer names the Host, and root/pass needs a Host naming this machine', async () => {
  for (const path of ['/io/', '/io/input.txt?peek', '/', '/api/v1/status', '/nope', '/axis-cgi/param.cgi?action=list&group=root.Brand']) {
    const res = await raw(path, { host: 'evil.example' });
    assert.doesNotMatch(res.head, /evil\.example/, `${path} echoed the Host in a header`);
    assert.doesNotMatch(res.body.toString('latin1'), /evil\.example/, `${path} echoed the Host in its body`);
  }
  const unauthenticated = await rawHttp(server.port, `GET /io/input.txt HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n`);
  assert.doesNotMatch(unauthenticated.head, /evil\.example/, 'the realm is not the Host');
  // A page on a domain rebound to 127.0.0.1 is same-origin to itself and runs on this machine.
  const rebinding = ['Origin: http://rebind.example:8080', 'Sec-Fetch-Site: same-origin', 'Sec-Fetch-Mode: cors'];
  const relay = await raw('/io/relayon.txt', { host: 'rebind.example:8080', headers: rebinding });
  assert.equal(relay.status, 403, relay.body.toString());
  assert.match(relay.body.toString(), /factory login root\/pass works only from this machine/);
  const socket = await raw('/vapix/ws-data-stream?sources=events', {
    host: 'rebind.example:8080',
    headers: ['Origin: http://rebind.example:8080', 'Upgrade: websocket', 'Connection: Upgrade', 'Sec-WebSocket-Version: 13', 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ=='],
  });
  assert.equal(socket.status, 403, 'no event socket for a rebinding page');
  const io = await api(server.url, '/api/v1/io');
  assert.equal(io.body.channels.find((c: { id: string }) => c.id === 'output1').active, false, 'the rebinding page switched nothing');
  assert.equal((await raw('/io/relayon.txt', { host: `localhost:${server.port}` })).body.toString(), 'Relay is On', 'localhost still works');
  assert.equal((await raw('/io/relayoff.txt', { host: `[::1]:${server.port}` })).body.toString(), 'Relay is Off', 'an address still works');
});

test('after all of the above, no journal entry and no log line holds a raw CR, LF or NUL', async () => {
  const texts = (value: unknown): string[] =>
    typeof value === 'string' ? [value] : value !== null && typeof value === 'object' ? Object.values(value).flatMap(texts) : [];
  for (let since = 0; ; ) {
    const page = await api(server.url, `/api/v1/events?since=${since}&limit=1000`);
    for (const e of page.body.events) {
      for (const t of texts([e.actor, e.data])) assert.doesNotMatch(t, /[\r\n\0]/, `journal ${e.kind} #${e.seq}: ${JSON.stringify(t)}`);
    }
    if (page.body.events.length < 1000) break;
    since = page.body.events.at(-1).seq;
  }
  const unparsed = server.logs.filter((line) => 'raw' in line);
  assert.deepEqual(unparsed, [], 'every log line is one JSON object: none was split by a line break from a request');
});
