// The web page's static route (src/http/routes/web.ts): `/` and the files of web/, read once at
// start, behind the viewer login, with their content types, ETag revalidation and the page's CSP.
// Paths are sent raw (no client-side normalising of `..`), so traversal attempts reach the server.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { readdirSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { startServer, type RunningServer } from '../support/server.ts';

let server: RunningServer;
const WEB = new URL('../../web/', import.meta.url);
const ROOT_BASIC = `Basic ${Buffer.from('root:pass').toString('base64')}`;

before(async () => {
  server = await startServer();
});

after(async () => {
  await server?.stop();
});

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** One request with the path exactly as given: node's client does not resolve `..` or `%2e`. */
function raw(path: string, options: { method?: string; headers?: Record<string, string>; login?: boolean } = {}): Promise<Raw> {
  const headers = { ...(options.login === false ? {} : { authorization: ROOT_BASIC }), ...options.headers };
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: server.port, path, method: options.method ?? 'GET', headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

test('/ needs a login, and the browser is offered Digest and Basic', async () => {
  const started = Date.now();
  const res = await raw('/', { login: false });
  assert.ok(Date.now() - started < 1000, 'a browser\'s first, credential-less request is not slowed down');
  assert.equal(res.status, 401);
  const challenges = String(res.headers['www-authenticate']);
  assert.match(challenges, /Digest realm="auxio"/);
  assert.match(challenges, /Basic realm="auxio"/);
});

test('/ is index.html with its type, ETag, no-cache and the page\'s CSP', async () => {
  const res = await raw('/');
  assert.equal(res.status, 200);
  assert.equal(res.headers['content-type'], 'text/html; charset=utf-8');
  assert.equal(res.headers['content-security-policy'], "default-src 'self'; img-src 'self' blob: data:");
  assert.equal(res.headers['cache-control'], 'no-cache');
  assert.equal(res.headers['x-content-type-options'], 'nosniff');
  assert.match(String(res.headers.etag), /^"[A-Za-z0-9_-]{22}"$/);
  assert.deepEqual(res.body, readFileSync(new URL('index.html', WEB)));
  assert.deepEqual((await raw('/index.html')).body, res.body);
});

test('each file of web/ is served with the type its name says', async () => {
  const types: Record<string, RegExp> = { html: /^text\/html; charset=utf-8$/, js: /^text\/javascript; charset=utf-8$/, css: /^text\/css; charset=utf-8$/, svg: /^image\/svg\+xml$/ };
  const names = readdirSync(WEB);
  assert.ok(names.includes('app.js') && names.includes('style.css'));
  for (const name of names) {
    const res = await raw(`/${name}`);
    assert.equal(res.status, 200, name);
    assert.match(String(res.headers['content-type']), types[name.split('.').pop()!]!, name);
    assert.deepEqual(res.body, readFileSync(new URL(name, WEB)), name);
  }
});

test('every file the page loads (links, scripts, module imports) is one the server serves', async () => {
  const wanted = new Set<string>();
  const html = readFileSync(new URL('index.html', WEB), 'utf8');
  for (const m of html.matchAll(/(?:src|href)="(\/[^"#]*)"/g)) wanted.add(m[1]!);
  for (const name of readdirSync(WEB).filter((n) => n.endsWith('.js'))) {
    for (const m of readFileSync(new URL(name, WEB), 'utf8').matchAll(/from '\.\/([^']+)'/g)) wanted.add(`/${m[1]}`);
  }
  assert.ok(wanted.size >= 10, [...wanted].join(' '));
  for (const path of wanted) assert.equal((await raw(path)).status, 200, path);
});

test('an unchanged file is revalidated with 304 and no body', async () => {
  const first = await raw('/app.js');
  const again = await raw('/app.js', { headers: { 'if-none-match': String(first.headers.etag) } });
  assert.equal(again.status, 304);
  assert.equal(again.body.length, 0);
  assert.equal(again.headers.etag, first.headers.etag);
  assert.equal((await raw('/app.js', { headers: { 'if-none-match': '"something-else"' } })).status, 200);
});

test('gzip is sent to clients that take it, and it unpacks to the same bytes', async () => {
  const plain = await raw('/style.css');
  const packed = await raw('/style.css', { headers: { 'accept-encoding': 'gzip, deflate, br' } });
  assert.equal(packed.headers['content-encoding'], 'gzip');
  assert.equal(packed.headers.vary, 'Accept-Encoding');
  assert.ok(packed.body.length < plain.body.length / 2, `${packed.body.length} vs ${plain.body.length} bytes`);
  assert.deepEqual(gunzipSync(packed.body), plain.body);
  assert.notEqual(packed.headers.etag, plain.headers.etag, 'each encoding has its own ETag');
  const revalidated = await raw('/style.css', { headers: { 'accept-encoding': 'gzip', 'if-none-match': String(packed.headers.etag) } });
  assert.equal(revalidated.status, 304);
  for (const refuses of ['gzip;q=0', 'gzip;q=0, *', 'identity', 'br']) {
    assert.equal((await raw('/style.css', { headers: { 'accept-encoding': refuses } })).headers['content-encoding'], undefined, refuses);
  }
  assert.equal((await raw('/style.css', { headers: { 'accept-encoding': '*' } })).headers['content-encoding'], 'gzip');
});

test('HEAD answers the headers without a body; POST is 405', async () => {
  const head = await raw('/', { method: 'HEAD' });
  assert.equal(head.status, 200);
  assert.equal(head.body.length, 0);
  assert.equal(Number(head.headers['content-length']), readFileSync(new URL('index.html', WEB)).length);
  const post = await raw('/', { method: 'POST' });
  assert.equal(post.status, 405);
  assert.equal(post.headers.allow, 'GET, HEAD');
});

test('traversal attempts and unknown names get 404 and nothing from outside web/', async () => {
  const attempts = [
    '/../package.json',
    '/..%2fpackage.json',
    '/%2e%2e/package.json',
    '/%2e%2e%2fpackage.json',
    '/.%2e/package.json',
    '/app.js/../../package.json',
    '/./app.js/../package.json',
    '//package.json',
    '/..\\package.json',
    '/%5c..%5cpackage.json',
    '/web/index.html',
    '/web/../package.json',
    '/package.json',
    '/README.md',
    '/src/app.ts',
    '/.gitignore',
    '/nope.js',
    '/app.js.map',
    '/index.html/',
    '/app.JS',
    '/%00app.js',
    '/app.js%00',
  ];
  for (const path of attempts) {
    const res = await raw(path);
    assert.equal(res.status, 404, `${path} answered ${res.status}`);
    assert.doesNotMatch(res.body.toString(), /"name": "auxio"|devDependencies|<script/, path);
  }
});

test('unknown API paths still answer the API\'s JSON 404, not the page', async () => {
  const res = await raw('/api/v1/nothing-here');
  assert.equal(res.status, 404);
  assert.deepEqual(JSON.parse(res.body.toString()), { error: { code: 'NOT_FOUND', message: 'path not found' } });
});
