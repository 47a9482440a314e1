import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { parseAuthParams, splitAuthorization } from './auth-params.ts';
import { Authenticator, type AuthenticatorOptions, type AuthResult, type UserLookup } from './authenticator.ts';
import { LoginThrottle } from './login-throttle.ts';
import { makeCredential, type StoredCredential } from './passwords.ts';

const REALM = 'auxio';
const USERS: StoredCredential[] = [
  makeCredential('root', 'admin', 'pass', REALM),
  makeCredential('op', 'operator', 'p:ss wörd', REALM),
];
const users: UserLookup = { find: (name) => USERS.find((u) => u.username === name) };

function setup(options: Partial<AuthenticatorOptions> = {}) {
  let now = 1_700_000_000_000;
  const auth = new Authenticator({ realm: REALM, users, clock: () => now, ...options });
  return { auth, advance: (ms: number) => { now += ms; } };
}

interface ClientOptions {
  username?: string;
  password?: string;
  method?: string;
  uri?: string;
  nc?: number;
  cnonce?: string;
}

/** A Digest client written from RFC 7616 with its own hashing, independent of digest.ts. */
function answer(challenge: string, options: ClientOptions = {}): string {
  const { username = 'root', password = 'pass', method = 'GET', uri = '/io/input.txt', nc = 1, cnonce = 'c0ffee' } = options;
  const params = challengeParams(challenge);
  const algorithm = params.get('algorithm') ?? 'MD5';
  const h = (s: string) => createHash(algorithm.startsWith('SHA-256') ? 'sha256' : 'md5').update(s).digest('hex');
  const realm = params.get('realm') ?? '';
  const nonce = params.get('nonce') ?? '';
  const ncHex = nc.toString(16).padStart(8, '0');
  const response = h(`${h(`${username}:${realm}:${password}`)}:${nonce}:${ncHex}:${cnonce}:auth:${h(`${method}:${uri}`)}`);
  return `Digest username="${username}", realm="${realm}", nonce="${nonce}", uri="${uri}", algorithm=${algorithm}, ` +
    `qop=auth, nc=${ncHex}, cnonce="${cnonce}", response="${response}", opaque="${params.get('opaque') ?? ''}"`;
}

function challengeParams(challenge: string): Map<string, string> {
  const parsed = parseAuthParams(splitAuthorization(challenge)?.rest ?? '');
  assert.ok(parsed.ok);
  return parsed.params;
}

function request(authorization: string | undefined, extra: { method?: string; uri?: string; remoteAddress?: string } = {}) {
  return { method: 'GET', uri: '/io/input.txt', remoteAddress: '192.0.2.1', authorization, ...extra };
}

function failure(result: AuthResult): Extract<AuthResult, { ok: false }> {
  assert.equal(result.ok, false, 'expected a failure');
  return result as Extract<AuthResult, { ok: false }>;
}

/** The first Digest challenge a 401 offers. */
function firstChallenge(auth: Authenticator): string {
  return failure(auth.authenticate(request(undefined))).challenges[0] ?? '';
}

test('no header: 401 with the MD5 Digest challenge first, then Basic', () => {
  const { auth } = setup();
  const result = failure(auth.authenticate(request(undefined)));
  assert.equal(result.reason, 'missing');
  assert.equal(result.delayMs, 0);
  assert.equal(result.challenges.length, 2);
  assert.match(result.challenges[0] ?? '', /^Digest realm="auxio", qop="auth", algorithm=MD5, nonce="[A-Za-z0-9_-]{43}", opaque="[^"]+"$/);
  assert.equal(result.challenges[1], 'Basic realm="auxio"');
});

test('challenges follow the configured algorithm order; Basic can be turned off', () => {
  const { auth } = setup({ digestAlgorithms: ['SHA-256', 'MD5'], allowBasic: false });
  const { challenges } = failure(auth.authenticate(request(undefined)));
  assert.deepEqual(challenges.map((c) => challengeParams(c).get('algorithm')), ['SHA-256', 'MD5']);
  assert.equal(failure(auth.authenticate(request('Basic cm9vdDpwYXNz'))).reason, 'unsupported');
});

for (const algorithm of ['MD5', 'SHA-256'] as const) {
  test(`Digest ${algorithm} round trip authenticates the user with their role`, () => {
    const { auth } = setup({ digestAlgorithms: [algorithm] });
    const challenge = firstChallenge(auth);
    assert.equal(auth.authenticate(request(answer(challenge))).ok, true);
    const op = auth.authenticate(request(answer(challenge, { username: 'op', password: 'p:ss wörd', nc: 2 })));
    assert.deepEqual(op, { ok: true, user: { username: 'op', role: 'operator' }, scheme: 'digest' });
  });
}

test('a -sess algorithm works when configured', () => {
  const { auth } = setup({ digestAlgorithms: ['MD5-sess'] });
  const challenge = firstChallenge(auth);
  const params = challengeParams(challenge);
  const h = (s: string) => createHash('md5').update(s).digest('hex');
  const ha1 = h(`${h('root:auxio:pass')}:${params.get('nonce')}:cn`);
  const response = h(`${ha1}:${params.get('nonce')}:00000001:cn:auth:${h('GET:/io/input.txt')}`);
  const header = `Digest username="root", realm="auxio", nonce="${params.get('nonce')}", uri="/io/input.txt", ` +
    `algorithm=MD5-sess, qop=auth, nc=00000001, cnonce="cn", response="${response}"`;
  assert.equal(auth.authenticate(request(header)).ok, true);
});

test('an algorithm not configured is unsupported even if computed correctly', () => {
  const { auth } = setup({ digestAlgorithms: ['MD5'] });
  const challenge = firstChallenge(auth).replace('algorithm=MD5', 'algorithm=SHA-256');
  assert.equal(failure(auth.authenticate(request(answer(challenge)))).reason, 'unsupported');
});

test('a rising nc on the same nonce is accepted, as Home Assistant sends it', () => {
  const { auth, advance } = setup();
  const challenge = firstChallenge(auth);
  for (const nc of [1, 2, 3, 10, 11]) {
    advance(1000);
    assert.equal(auth.authenticate(request(answer(challenge, { nc, cnonce: `c${nc}` }))).ok, true, `nc ${nc}`);
  }
});

test('a replayed nc is refused, with stale=true so an honest client re-challenges', () => {
  const { auth } = setup();
  const challenge = firstChallenge(auth);
  const first = answer(challenge, { nc: 5 });
  assert.equal(auth.authenticate(request(first)).ok, true);
  const replay = failure(auth.authenticate(request(first)));
  assert.equal(replay.reason, 'replay');
  assert.match(replay.challenges[0] ?? '', /stale=true/);
  assert.equal(auth.authenticate(request(answer(challenge, { nc: 4 }))).ok, true, 'overtaken, unused: accepted');
  assert.equal(failure(auth.authenticate(request(answer(challenge, { nc: 4 })))).reason, 'replay');
  assert.equal(auth.authenticate(request(answer(challenge, { nc: 6 }))).ok, true);
});

test('an expired nonce with the right password is stale, and the new challenge works', () => {
  const { auth, advance } = setup({ nonceLifetimeMs: 60_000 });
  const challenge = firstChallenge(auth);
  advance(60_001);
  const stale = failure(auth.authenticate(request(answer(challenge))));
  assert.equal(stale.reason, 'stale');
  assert.equal(stale.delayMs, 0);
  assert.ok(stale.challenges.slice(0, -1).every((c) => c.endsWith(', stale=true')));
  assert.equal(stale.challenges.at(-1), 'Basic realm="auxio"');
  assert.equal(auth.authenticate(request(answer(stale.challenges[0] ?? ''))).ok, true);
});

test('an expired nonce with the wrong password is a bad password, not stale', () => {
  const { auth, advance } = setup();
  const challenge = firstChallenge(auth);
  advance(300_001);
  const result = failure(auth.authenticate(request(answer(challenge, { password: 'nope' }))));
  assert.equal(result.reason, 'bad-password');
  assert.doesNotMatch(result.challenges[0] ?? '', /stale/);
});

test('a nonce from another process (a restart) answered with the right password is stale', () => {
  const { auth } = setup();
  const other = setup().auth;
  const result = failure(auth.authenticate(request(answer(firstChallenge(other)))));
  assert.equal(result.reason, 'stale');
  assert.match(result.challenges.join(), /stale=true/);
});

test('a forged nonce, or a foreign one with a wrong password, is refused without stale', () => {
  const { auth } = setup();
  const other = setup().auth;
  const forged = firstChallenge(auth).replace(/nonce="[^"]+"/, 'nonce="forged"');
  for (const header of [answer(forged, { password: 'wrong' }), answer(firstChallenge(other), { password: 'wrong' })]) {
    const result = failure(auth.authenticate(request(header)));
    assert.equal(result.reason, 'bad-nonce');
    assert.doesNotMatch(result.challenges.join(), /stale/);
  }
});

test('the uri parameter must be the request-target as sent, query included', () => {
  const { auth } = setup();
  const challenge = firstChallenge(auth);
  const header = answer(challenge, { uri: '/io/input.txt' });
  assert.equal(failure(auth.authenticate(request(header, { uri: '/io/relayon.txt' }))).reason, 'uri-mismatch');
  assert.equal(failure(auth.authenticate(request(header, { uri: '/io/input.txt?x=1' }))).reason, 'uri-mismatch');
  const withQuery = answer(challenge, { uri: '/axis-cgi/io/port.cgi?action=1%3A%2F', nc: 2 });
  assert.equal(auth.authenticate(request(withQuery, { uri: '/axis-cgi/io/port.cgi?action=1%3A%2F' })).ok, true);
});

test('wrong password, wrong method, wrong realm, unknown user and case-changed user are refused', () => {
  const { auth } = setup();
  const challenge = firstChallenge(auth);
  const reasons = [
    auth.authenticate(request(answer(challenge, { password: 'Pass' }))),
    auth.authenticate(request(answer(challenge, { method: 'POST' }))),
    auth.authenticate(request(answer(challenge.replace('realm="auxio"', 'realm="other"')))),
    auth.authenticate(request(answer(challenge, { username: 'nobody' }))),
    auth.authenticate(request(answer(challenge, { username: 'Root' }))),
  ].map((r) => failure(r).reason);
  assert.deepEqual(reasons, ['bad-password', 'bad-password', 'bad-password', 'unknown-user', 'unknown-user']);
});

test('a response hashed for our realm but naming another realm is refused (RFC 7616: realm must match)', () => {
  const { auth } = setup();
  const header = answer(firstChallenge(auth)).replace('realm="auxio"', 'realm="other"');
  assert.equal(failure(auth.authenticate(request(header))).reason, 'bad-password');
});

test('a lookup that ignores case still cannot let a differently spelled name in', () => {
  const { auth } = setup({ users: { find: (name) => USERS.find((u) => u.username === name.toLowerCase()) } });
  assert.equal(failure(auth.authenticate(request(answer(firstChallenge(auth), { username: 'ROOT' })))).reason, 'unknown-user');
});

test('Basic: good, wrong password, unknown user, malformed', () => {
  const { auth } = setup();
  const basic = (text: string) => `Basic ${Buffer.from(text).toString('base64')}`;
  assert.deepEqual(auth.authenticate(request(basic('op:p:ss wörd'))), {
    ok: true, user: { username: 'op', role: 'operator' }, scheme: 'basic',
  });
  assert.equal(failure(auth.authenticate(request(basic('root:wrong')))).reason, 'bad-password');
  assert.equal(failure(auth.authenticate(request(basic('ghost:pass')))).reason, 'unknown-user');
  assert.equal(failure(auth.authenticate(request('Basic !!!'))).reason, 'malformed');
  assert.equal(failure(auth.authenticate(request(basic('nocolon')))).reason, 'malformed');
});

test('guesses are throttled by default, without a throttle being passed in', () => {
  const { auth } = setup();
  const delays = Array.from({ length: 7 }, () => failure(auth.authenticate(request(answer(firstChallenge(auth), { password: 'x' })))).delayMs);
  assert.deepEqual(delays, [0, 0, 0, 0, 0, 250, 500]);
});

test('password guesses are throttled per address, and a success resets the address', () => {
  let now = 0;
  const throttle = new LoginThrottle({ clock: () => now });
  const { auth } = setup({ throttle });
  const wrong = () => auth.authenticate(request(answer(firstChallenge(auth), { password: 'guess' })));
  const delays = Array.from({ length: 7 }, () => failure(wrong()).delayMs);
  assert.deepEqual(delays, [0, 0, 0, 0, 0, 250, 500]);
  // Asking for a challenge is not a guess.
  assert.equal(failure(auth.authenticate(request(undefined))).delayMs, 0);
  assert.equal(failure(auth.authenticate(request(undefined, { remoteAddress: '192.0.2.99' }))).delayMs, 0);
  assert.equal(auth.authenticate(request(answer(firstChallenge(auth)))).ok, true);
  assert.equal(failure(wrong()).delayMs, 0);
});

test('other schemes are unsupported', () => {
  const { auth } = setup();
  assert.equal(failure(auth.authenticate(request('Bearer abc.def'))).reason, 'unsupported');
  assert.equal(failure(auth.authenticate(request('Negotiate YII='))).reason, 'unsupported');
});

test('garbage headers never throw and never authenticate', () => {
  const { auth } = setup();
  const valid = answer(firstChallenge(auth));
  const garbage: unknown[] = [
    '', ' ', 'Digest', 'Digest ', 'Basic', 'Digest realm="unbalanced', 'Digest username="root', 'Digest ,,,,',
    'Digest =', 'Digest a=b=c', '"', '\\', 'Digest username="root", username="root"', valid.slice(0, -5),
    `Digest ${'a="x",'.repeat(5000)}`, `Digest username="${'x'.repeat(1_000_000)}"`, 'x'.repeat(10_000_000),
    `${valid}, nc=00000002`, valid.replace('qop=auth', 'qop="auth,auth-int"'), '\u0000\uffff\ud800',
    null, 42, {}, ['Digest x'], Symbol('x'),
  ];
  for (const header of garbage) {
    const result = auth.authenticate(request(header as string));
    assert.equal(result.ok, false, String(header).slice(0, 40));
  }
  for (const odd of [undefined, null, {}, { authorization: valid }, { authorization: valid, method: 1, uri: null }]) {
    assert.equal(auth.authenticate(odd as never).ok, false);
  }
});

test('random bytes never throw', () => {
  const { auth } = setup();
  const valid = answer(firstChallenge(auth));
  for (let i = 0; i < 2000; i++) {
    const cut = Math.floor(Math.random() * valid.length);
    const noise = String.fromCharCode(...Array.from({ length: 8 }, () => Math.floor(Math.random() * 0x80)));
    const header = valid.slice(0, cut) + noise + valid.slice(cut + 8);
    assert.doesNotThrow(() => auth.authenticate(request(header)));
  }
});

test('results never carry a password or hash', () => {
  const { auth } = setup();
  const results = [
    auth.authenticate(request(`Basic ${Buffer.from('root:pass').toString('base64')}`)),
    auth.authenticate(request(`Basic ${Buffer.from('root:wrong').toString('base64')}`)),
  ];
  const text = JSON.stringify(results);
  for (const secret of ['pass', 'wrong', USERS[0]?.passwordHash, USERS[0]?.ha1Md5]) {
    assert.equal(text.includes(`"${secret}"`) || text.includes(`${secret}"`), false, secret);
  }
});

test('bad configuration fails at construction, not per request', () => {
  assert.throws(() => new Authenticator({ realm: '', users }), TypeError);
  assert.throws(() => new Authenticator({ realm: 'a\r\nb', users }), TypeError);
  assert.throws(() => new Authenticator({ realm: 'r', users, digestAlgorithms: ['SHA-1' as never] }), TypeError);
  assert.throws(() => new Authenticator({ realm: 'r', users, digestAlgorithms: [], allowBasic: false }), TypeError);
  assert.throws(() => new Authenticator({ realm: 'r', users: {} as never }), TypeError);
});
