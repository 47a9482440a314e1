// HTTP requests for the entry-point fuzz: methods, paths from every registered route (parameters
// filled with ids, names and traversals), query strings, headers (logins good, bad and garbled) and
// bodies. Only what a client can put on the wire: no raw CR, LF or NUL in the URL or header values
// (node's parser refuses those before auxio sees them), no Content-Length or Transfer-Encoding.
import fc from 'fast-check';
import type { CommandName } from '../../src/rules/index.ts';
import { validScript } from './script-arbitraries.ts';
import { anyString, EDGE_NUMBERS, nastyString, percentEncode, TRAVERSALS } from './text-arbitraries.ts';

/** The request one case sends; `login` says which credentials were put in its headers. */
export interface FuzzRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string | Buffer;
  login: 'valid' | 'other';
}

export const VALID_LOGIN = `Basic ${Buffer.from('root:pass').toString('base64')}`;

const METHODS = ['GET', 'GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'TRACE', 'PROPFIND', 'get', 'M-SEARCH'];

/** Path parameter values: ids and names that exist, that almost do, and that climb out. */
const PARAM_VALUES = [
  '1', '2', '3', '0', '01', '9999', '10000', '-1', '1.0', '1e0', '0x1', ' 1', 'input1', 'input2', 'output1', 'output0', 'input99', 'root', 'fuzz',
  'fuzz.user', 'a', 'A'.repeat(33), '1.jpg', '2.jpg', '0.jpg', '01.jpg', '1.jpeg', '1.JPG', '1.jpg.jpg', '9007199254740993.jpg', '..', '.', '%2e%2e',
  'snapshot.jpg', 'index.html', 'auxio.db', 'script.txt', '~root',
];

function segmentValue(): fc.Arbitrary<string> {
  return fc.oneof(
    { arbitrary: fc.constantFrom(...PARAM_VALUES), weight: 6 },
    { arbitrary: fc.constantFrom(...TRAVERSALS), weight: 3 },
    { arbitrary: fc.array(fc.constantFrom(...TRAVERSALS, 'auxio.db', 'etc/passwd', 'web/index.html', 'snapshots'), { minLength: 1, maxLength: 4 }).map((p) => p.join('')), weight: 2 },
    { arbitrary: urlSafe(nastyString(12)), weight: 2 },
  );
}

/** Percent-encodes what a client could not send raw; the rest (traversals included) stays as written. */
function urlSafe(text: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return text.map((t) => t.replace(/[^\x21-\x7e]|[#?]/gu, (c) => encodeURIComponent(c.length === 1 && /[\ud800-\udfff]/.test(c) ? '\ufffd' : c)));
}

/** A path: a registered route with its parameters filled in, then maybe bent. */
function path(routes: readonly string[]): fc.Arbitrary<string> {
  const filled = fc.constantFrom(...routes).chain((route) => {
    const params = route.match(/:\w+/g) ?? [];
    return fc.array(segmentValue(), { minLength: params.length, maxLength: params.length }).map((values) => {
      let i = 0;
      return route.replace(/:\w+/g, () => values[i++]!);
    });
  });
  const bend = fc.constantFrom<(p: string) => string>(
    (p) => p,
    (p) => p,
    (p) => p,
    (p) => `${p}/`,
    (p) => p.replace(/^\//, '//'),
    (p) => p.toUpperCase(),
    (p) => p.replace(/\//g, '%2F'),
    (p) => p.replace(/\//g, '\\'),
    (p) => `/..${p}`,
    (p) => `/%2e%2e${p}`,
    (p) => `${p}/..`,
    (p) => `${p}/../../etc/passwd`,
    (p) => `${p}%00`,
    (p) => `${p};x=1`,
    (p) => p.replace(/\.(\w+)$/, '%2e$1'),
    (p) => `/./${p.slice(1)}`,
  );
  return fc.oneof(
    { arbitrary: fc.tuple(filled, bend).map(([p, b]) => b(p)), weight: 8 },
    { arbitrary: fc.array(segmentValue(), { minLength: 1, maxLength: 4 }).map((s) => `/${s.join('/')}`), weight: 1 },
    { arbitrary: urlSafe(anyString(30)).map((s) => `/${s}`), weight: 1 },
  );
}

const QUERY_KEYS = [
  'since', 'before', 'limit', 'order', 'channel', 'kind', 'peek', 'action', 'check', 'checkactive', 'checkdirection', 'monitor', 'group', 'resolution',
  'compression', 'camera', 'sources', 'wssession', 'usergroup', 'id', 'text', 'root.IOPort.I0.Input.Name', 'IOPort.I2.Output.PulseTime', 'IOPort.I1.Input.Trig',
];
const QUERY_VALUES = [
  ...EDGE_NUMBERS.map(String), '', 'asc', 'desc', 'input1', 'output1', 'auth_failed', 'input', 'list', 'update', 'events', '320x240', 'QCIF', '16x16', '3840x2160',
  '3841x2160', '1x1', 'root.Brand', 'root.IOPort', 'Properties', 'root.Nope', '3:/', '3:\\', '3%3A%2F', '3%3A%5C', '3:/300\\', '3:/300\\500/300\\', '1:/', '4:/',
  ':/', '3:1000/', '3:/3600001\\', '1,2', '1,2,3', '0', '1,,2', 'open', 'closed', '%0d%0aX-Injected:%201', '%0aSet-Cookie:%20a=b', '%00', '%', '%zz',
  '..%2f..%2fetc%2fpasswd', 'a'.repeat(300),
];

const queryPair = fc.tuple(
  fc.oneof({ arbitrary: fc.constantFrom(...QUERY_KEYS), weight: 5 }, { arbitrary: urlSafe(nastyString(6)), weight: 1 }),
  fc.oneof({ arbitrary: fc.constantFrom(...QUERY_VALUES), weight: 5 }, { arbitrary: urlSafe(anyString(20)), weight: 2 }),
  fc.constantFrom('=', '=', '=', ''),
);
const query = fc.oneof(
  fc.constant(''),
  fc.array(queryPair, { minLength: 1, maxLength: 5 }).map((pairs) => `?${pairs.map(([k, v, eq]) => (eq ? `${k}=${v}` : k)).join('&')}`),
  urlSafe(nastyString(20)).map((q) => `?${q}`),
);

/** Visible ASCII, tabs and Latin-1: what a header value can carry. */
function headerText(maxLength: number): fc.Arbitrary<string> {
  return fc
    .oneof(fc.string({ maxLength }), nastyString(maxLength), fc.string({ unit: 'binary', maxLength }))
    .map((s) => s.replace(/[^\t\x20-\x7e\x80-\xff]/g, (c) => String.fromCharCode(0x80 + (c.charCodeAt(0) % 0x80))));
}

const base64Of = (text: string): string => Buffer.from(text, 'latin1').toString('base64');

const DIGEST_PARAMS = ['username', 'realm', 'nonce', 'uri', 'response', 'qop', 'nc', 'cnonce', 'algorithm', 'opaque', 'userhash', 'username*', 'stale', 'x'];
const digestValue = fc.oneof(
  fc.constantFrom('root', 'auxio', 'auth', 'auth-int', 'MD5', 'SHA-256', 'MD5-sess', 'sha-512', '00000001', 'ffffffff', '100000000', 'true', "UTF-8''r%C3%B6%0d%0a", '/io/input.txt', ''),
  headerText(40),
  fc.constantFrom('a'.repeat(9000), 'f'.repeat(32), 'f'.repeat(64)),
);
const digestParam = fc.tuple(fc.constantFrom(...DIGEST_PARAMS), digestValue, fc.constantFrom('"', '', '"unterminated')).map(([name, value, quote]) =>
  quote === '"unterminated' ? `${name}="${value}` : `${name}=${quote}${value.replace(/"/g, quote ? '\\"' : '')}${quote}`,
);

/** Authorization values; weights keep the scrypt-costly well-formed wrong Basic logins rare. */
const authorization = fc.oneof(
  { arbitrary: fc.constant(undefined), weight: 30 },
  { arbitrary: fc.constantFrom(VALID_LOGIN, `basic ${base64Of('root:pass')}`, `Basic   ${base64Of('root:pass')}  `, `Basic ${base64Of('root:pass').replace(/=+$/, '')}`), weight: 30 },
  { arbitrary: fc.array(digestParam, { maxLength: 12 }).map((p) => `Digest ${p.join(', ')}`), weight: 12 },
  {
    arbitrary: fc.oneof(
      headerText(30).map((s) => `Basic ${s}`),
      fc.constantFrom('root', 'root:', ':pass', 'root\r\n:pass', 'ro\0ot:pass', 'r\u00f6ot:pass', '\r\nX-Injected: 1:x', 'a'.repeat(70) + ':x').map((s) => `Basic ${base64Of(s)}`),
      fc.uint8Array({ maxLength: 24 }).map((b) => `Basic ${Buffer.from(b).toString('base64')}`),
      fc.constantFrom('Basic', 'Basic ', 'Basic ====', 'Basic cm9vd', `Basic ${'QUFB'.repeat(3000)}`, 'Bearer x', 'Negotiate YII=', 'Digest', 'Digest ,,,', ' ', 'B asic x'),
    ),
    weight: 12,
  },
  { arbitrary: headerText(60), weight: 4 },
  { arbitrary: fc.tuple(fc.constantFrom('root', 'admin', 'nobody'), fc.string({ maxLength: 8 })).map(([u, p]) => `Basic ${base64Of(`${u}:${p}x`)}`), weight: 1 },
);

const CONTENT_TYPES = [
  'application/json', 'application/json; charset=utf-8', 'text/plain', 'text/plain; charset=utf-8', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x',
  'application/octet-stream', 'APPLICATION/JSON', 'application/json; charset=latin1', 'application/json;;', ';', 'json', 'text/*', '*/*', 'application/merge-patch+json',
];

const OTHER_HEADERS: ReadonlyArray<[string, fc.Arbitrary<string>]> = [
  ['origin', fc.oneof(fc.constantFrom('http://evil.example', 'null', 'http://localhost:80', 'http://localhost'), headerText(20))],
  ['sec-fetch-site', fc.constantFrom('cross-site', 'same-site', 'same-origin', 'none', 'x')],
  ['sec-fetch-mode', fc.constantFrom('navigate', 'cors', 'no-cors', 'x')],
  ['host', fc.oneof(fc.constantFrom('evil.example', 'localhost:80', '127.0.0.1:1', '', 'a b', 'x'.repeat(300), '[::1]', 'localhost\t'), headerText(20))],
  ['accept-encoding', fc.oneof(fc.constantFrom('gzip', 'gzip;q=0', '*', 'br, gzip;q=0.5', 'identity;q=0, *;q=0', 'gzip;q=abc'), headerText(20))],
  ['if-none-match', fc.oneof(fc.constantFrom('*', 'W/"x"', '""', '"a", "b"'), headerText(30))],
  ['last-event-id', fc.oneof(fc.constantFrom('0', '1', '-1', '999999999999999', '9999999999999999', 'abc'), headerText(10))],
  ['accept', fc.constantFrom('*/*', 'application/json', 'text/event-stream', 'image/jpeg', '')],
  ['x-forwarded-for', fc.constantFrom('192.0.2.7', '127.0.0.1', '::1', 'x')],
  ['cookie', headerText(30)],
  ['range', fc.constantFrom('bytes=0-1', 'bytes=-1', 'bytes=9-1')],
  ['x-fuzz', headerText(100)],
];

const otherHeaders = fc.subarray([...OTHER_HEADERS], { maxLength: 4 }).chain((chosen) =>
  fc.tuple(...chosen.map(([name, value]) => value.map((v) => [name, v] as const))).map((pairs) => Object.fromEntries(pairs) as Record<string, string>),
);

const JSON_KEYS = [
  'active', 'pulseMs', 'level', 'pulses', 'highMs', 'lowMs', 'name', 'invert', 'password', 'role', 'text', 'source', 'label', 'apiVersion', 'context', 'method',
  'params', 'ports', 'port', 'state', 'sequence', 'time', 'id', 'version', 'propertyList', 'deviceTopicPrefix', 'server', 'host', 'topicPrefix',
  'customTopicPrefix', 'eventFilterList', 'topicFilter', 'qos', 'retain', 'normalState', 'direction', 'usage', 'appendEventTopic', '__proto__', 'constructor', 'toString',
];
const JSON_METHODS = [
  'getApiList', 'getSupportedVersions', 'getAllProperties', 'getAllUnrestrictedProperties', 'getProperties', 'getPorts', 'setPorts', 'setStateSequence',
  'getClientStatus', 'configureClient', 'activateClient', 'deactivateClient', 'configureEventPublication', 'getEventPublicationConfig', 'hasOwnProperty', '__proto__',
];
/** Globs for apidiscovery's id/version filters: wildcard runs are what a backtracking matcher chokes on. */
const glob = fc.oneof(
  fc.array(fc.constantFrom('*', '?', '*?', 'a', 'e', '-', '.', '!', '[', '\\'), { maxLength: 48 }).map((p) => p.join('')),
  fc.tuple(fc.constantFrom('*?', '*e', '?*', '**', '*-'), fc.integer({ min: 1, max: 40 }), fc.constantFrom('', '!', 'x', '*')).map(([unit, n, end]) => unit.repeat(n) + end),
);

// Durations and counts stay small: a sim request with a million pulses is slow by design, not a hang.
const jsonScalar = fc.oneof(
  fc.constantFrom(...EDGE_NUMBERS.filter((n) => Number.isFinite(n))),
  fc.integer({ min: -2, max: 4 }),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom('1.0', '1.1', '2.0', '1', 'open', 'closed', 'input', 'output', '', '0', '2', 'viewer', 'operator', 'admin', 'root', 'pass', 'synthetic', ...JSON_METHODS),
  anyString(20),
  glob,
);

const jsonValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    jsonScalar,
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom(...JSON_KEYS), tie('value'), { maxKeys: 4 }),
  ),
})).value;

const jsonObject = fc.dictionary(fc.constantFrom(...JSON_KEYS), jsonValue, { maxKeys: 5 });

/** Values where a port id goes: ids as strings (right), as numbers, and objects that do not stringify. */
const portValue = fc.oneof(
  fc.constantFrom('0', '1', '2', '3', '-1', '01', ' 2', '2.0', '9999', 0, 2, -1, 2.5, null, true, false),
  fc.constantFrom<unknown>([], {}, [2], { toString: 1 }, { valueOf: 1, toString: 2 }, [{ toString: 1 }], { port: '2' }),
);
const step = fc.record({ state: fc.constantFrom('open', 'closed', 'on', 1, null), time: fc.constantFrom(0, 1, 30, 65535, 65536, -1, 1.5, '10', null) }, { requiredKeys: [] });
const portParams = fc.record(
  {
    ports: fc.oneof(
      fc.array(
        fc.record(
          { port: portValue, state: fc.constantFrom('open', 'closed', 'x', 1), name: jsonScalar, normalState: fc.constantFrom('open', 'closed', null), direction: fc.constantFrom('input', 'output', 'x'), usage: fc.constantFrom('', 'x') },
          { requiredKeys: [] },
        ),
        { maxLength: 3 },
      ),
      jsonValue,
    ),
    port: portValue,
    sequence: fc.oneof(fc.array(step, { maxLength: 4 }), jsonValue),
  },
  { requiredKeys: [] },
);

/** An Axis JSON CGI call: the envelope mostly right (a method of `methods`, if given), the params anything. */
export function jsonCall(methods: readonly string[] = JSON_METHODS): fc.Arbitrary<Record<string, unknown>> {
  // An undefined field is left out of the JSON: a missing key is one of the cases.
  const missing = { arbitrary: fc.constant(undefined), weight: 1 };
  return fc.record({
    apiVersion: fc.oneof({ arbitrary: fc.constantFrom('1.0', '1.1'), weight: 8 }, { arbitrary: fc.constantFrom('1.2', '2.0', '1', '1.0.0', ''), weight: 1 }, { arbitrary: jsonScalar, weight: 1 }, missing),
    context: fc.oneof(fc.string({ maxLength: 8 }), jsonScalar, missing),
    method: fc.oneof({ arbitrary: fc.constantFrom(...methods), weight: 16 }, { arbitrary: fc.constantFrom(...JSON_METHODS), weight: 2 }, { arbitrary: jsonScalar, weight: 1 }, missing),
    params: fc.oneof(
      { arbitrary: portParams, weight: 4 },
      { arbitrary: fc.record({ id: glob, version: glob, propertyList: jsonValue }, { requiredKeys: [] }), weight: 3 },
      { arbitrary: jsonObject, weight: 2 },
      { arbitrary: jsonValue, weight: 1 },
      missing,
    ),
  });
}

// Scripts a valid login may install: nothing that keeps running after the answer (sleep, buffers, uploads).
const QUICK_COMMANDS: readonly CommandName[] = ['snapshot', 'relay', 'log'];

const body = fc.oneof(
  { arbitrary: fc.constant(undefined), weight: 10 },
  { arbitrary: jsonObject.map((o) => JSON.stringify(o)), weight: 8 },
  { arbitrary: jsonCall().map((o) => JSON.stringify(o)), weight: 4 },
  { arbitrary: jsonValue.map((v) => JSON.stringify(v) ?? 'null'), weight: 2 },
  { arbitrary: fc.constantFrom('{', '{"active":', '[', '"', 'nul', '{"a":1}{', '\ufeff{}', '{"__proto__":{"x":1}}', '{"active":true,"active":false}', ' '), weight: 2 },
  { arbitrary: fc.uint8Array({ maxLength: 64 }).map((b) => Buffer.from(b)), weight: 2 },
  { arbitrary: fc.array(fc.tuple(fc.constantFrom(...QUERY_KEYS), fc.constantFrom(...QUERY_VALUES)), { maxLength: 4 }).map((p) => p.map(([k, v]) => `${k}=${v}`).join('&')), weight: 3 },
  { arbitrary: validScript({ inputCount: 2, maxEntries: 2, commands: QUICK_COMMANDS }).map((s) => s.text), weight: 2 },
  { arbitrary: anyString(200), weight: 2 },
  { arbitrary: fc.constantFrom('x'.repeat(70_000), JSON.stringify({ text: 'y'.repeat(70_000) })), weight: 1 },
);

/** One request against the given routes (paths as fastify lists them, `:param` for parameters). */
export function fuzzRequest(routes: readonly string[]): fc.Arbitrary<FuzzRequest> {
  return fc
    .record({
      method: fc.constantFrom(...METHODS),
      path: path(routes),
      query,
      auth: authorization,
      contentType: fc.option(fc.oneof(fc.constantFrom(...CONTENT_TYPES), headerText(40)), { nil: undefined }),
      other: otherHeaders,
      payload: body,
    })
    .map(({ method, path: p, query: q, auth, contentType, other, payload }) => {
      const headers: Record<string, string> = { ...other };
      if (auth !== undefined) headers.authorization = auth;
      if (contentType !== undefined) headers['content-type'] = contentType;
      const valid = auth !== undefined && /^basic\s+cm9vdDpwYXNz(?:=*)?\s*$/i.test(auth);
      // A space or a non-ASCII byte would end or break the request line: clients percent-encode them.
      const url = `${p}${q}`.replace(/[^\x21-\x7e]/gu, percentEncode);
      return { method, url, headers, ...(payload !== undefined ? { payload } : {}), login: valid ? 'valid' : 'other' };
    });
}
