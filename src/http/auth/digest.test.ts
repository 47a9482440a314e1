import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  buildDigestChallenge,
  computeDigestResponse,
  parseDigestAuthorization,
  verifyDigestResponse,
  type DigestCredentials,
} from './digest.ts';
import { ha1 } from './passwords.ts';

// RFC 7616 section 3.9.1: user Mufasa, password "Circle of Life", GET /dir/index.html.
const RFC = {
  username: 'Mufasa',
  password: 'Circle of Life',
  realm: 'http-auth@example.org',
  uri: '/dir/index.html',
  nonce: '7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v',
  cnonce: 'f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ',
  opaque: 'FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS',
  nc: '00000001',
  md5: '8ca523f5e9506fed4657c9700eebdbec',
  sha256: '753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1',
} as const;

function rfcHeader(algorithm: string, response: string): string {
  // Laid out as in the RFC, folded over lines with extra spaces.
  return `Digest username="Mufasa",
       realm="http-auth@example.org",
       uri="/dir/index.html",
       algorithm=${algorithm},
       nonce="${RFC.nonce}",
       nc=00000001,
       cnonce="${RFC.cnonce}",
       qop=auth,
       response="${response}",
       opaque="${RFC.opaque}"`.replace(/\n/g, '');
}

function parsed(header: string): DigestCredentials {
  const result = parseDigestAuthorization(header);
  assert.ok(result.ok, result.ok ? '' : result.error);
  return result.credentials;
}

for (const [algorithm, expected] of [['MD5', RFC.md5], ['SHA-256', RFC.sha256]] as const) {
  test(`RFC 7616 section 3.9.1 response for ${algorithm}`, () => {
    const response = computeDigestResponse({
      algorithm, ha1: ha1(algorithm, RFC.username, RFC.realm, RFC.password),
      method: 'GET', uri: RFC.uri, nonce: RFC.nonce, nc: RFC.nc, cnonce: RFC.cnonce, qop: 'auth',
    });
    assert.equal(response, expected);
  });

  test(`RFC 7616 section 3.9.1 header parses and verifies for ${algorithm}`, () => {
    const credentials = parsed(rfcHeader(algorithm, expected));
    assert.deepEqual(credentials, {
      username: 'Mufasa', realm: RFC.realm, nonce: RFC.nonce, uri: RFC.uri, response: expected,
      algorithm, qop: 'auth', nc: '00000001', ncValue: 1, cnonce: RFC.cnonce, opaque: RFC.opaque,
    });
    const storedHa1 = ha1(algorithm, RFC.username, RFC.realm, RFC.password);
    assert.equal(verifyDigestResponse(credentials, 'GET', storedHa1), true);
    assert.equal(verifyDigestResponse(credentials, 'POST', storedHa1), false);
    assert.equal(verifyDigestResponse(credentials, 'GET', ha1(algorithm, 'Mufasa', RFC.realm, 'circle of life')), false);
  });
}

test('-sess variants hash the client nonce into HA1', () => {
  const base = { ha1: 'a'.repeat(32), method: 'GET', uri: '/', nonce: 'n', nc: '00000001', cnonce: 'c', qop: 'auth' } as const;
  assert.notEqual(computeDigestResponse({ ...base, algorithm: 'MD5-sess' }), computeDigestResponse({ ...base, algorithm: 'MD5' }));
  assert.equal(computeDigestResponse({ ...base, algorithm: 'SHA-256-sess' }).length, 64);
});

test('a missing algorithm means MD5, names are case-insensitive, hex response folded to lower case', () => {
  const header = rfcHeader('MD5', RFC.md5.toUpperCase()).replace('algorithm=MD5,', '').replace('USERNAME', 'username');
  assert.equal(parsed(header).algorithm, 'MD5');
  assert.equal(parsed(header).response, RFC.md5);
  assert.equal(parsed(rfcHeader('sha-256', RFC.sha256)).algorithm, 'SHA-256');
  assert.equal(parsed(rfcHeader('MD5', RFC.md5).replace('username=', 'UserName=')).username, 'Mufasa');
});

test('username* carries names that need encoding (RFC 7616 section 3.4.4)', () => {
  const header = rfcHeader('MD5', RFC.md5).replace('username="Mufasa"', "username*=UTF-8''J%C3%A4s%C3%B8n%20Doe");
  assert.equal(parsed(header).username, 'Jäsøn Doe');
});

test('unsupported but well-formed requests are told apart from broken ones', () => {
  const cases: Array<[string, 'malformed' | 'unsupported']> = [
    [rfcHeader('MD5', RFC.md5).replace('qop=auth', 'qop=auth-int'), 'unsupported'],
    [rfcHeader('MD5', RFC.md5).replace('qop=auth,', ''), 'unsupported'],
    [rfcHeader('SHA-512-256', RFC.sha256), 'unsupported'],
    [`${rfcHeader('MD5', RFC.md5)}, userhash=true`, 'unsupported'],
    ['Basic YTpi', 'unsupported'],
    [rfcHeader('MD5', RFC.md5).replace('nc=00000001', 'nc=1'), 'malformed'],
    [rfcHeader('MD5', RFC.md5).replace('nc=00000001', 'nc=0000000g'), 'malformed'],
    [rfcHeader('MD5', RFC.md5).replace(`cnonce="${RFC.cnonce}",`, ''), 'malformed'],
    [rfcHeader('MD5', RFC.md5).replace('uri="/dir/index.html",', ''), 'malformed'],
    [rfcHeader('MD5', RFC.sha256), 'malformed'],
    [rfcHeader('MD5', 'zz'), 'malformed'],
    [`${rfcHeader('MD5', RFC.md5)}, username*=UTF-8''x`, 'malformed'],
    [rfcHeader('MD5', RFC.md5).replace('username="Mufasa"', "username*=latin1''x"), 'malformed'],
    [rfcHeader('MD5', RFC.md5).replace('username="Mufasa"', "username*=UTF-8''%E0%A4%A"), 'malformed'],
    ['Digest', 'malformed'],
    ['Digest realm="unbalanced', 'malformed'],
  ];
  for (const [header, reason] of cases) {
    const result = parseDigestAuthorization(header);
    assert.equal(result.ok, false, header);
    if (!result.ok) assert.equal(result.reason, reason, header);
  }
});

test('the challenge is written as RFC 7616 shows it', () => {
  const challenge = { realm: 'http-auth@example.org', algorithm: 'SHA-256', nonce: RFC.nonce, opaque: RFC.opaque } as const;
  assert.equal(
    buildDigestChallenge(challenge),
    `Digest realm="http-auth@example.org", qop="auth", algorithm=SHA-256, nonce="${RFC.nonce}", opaque="${RFC.opaque}"`,
  );
  assert.match(buildDigestChallenge({ ...challenge, stale: true }), /, stale=true$/);
  assert.equal(buildDigestChallenge({ ...challenge, realm: 'say "hi"' }).startsWith('Digest realm="say \\"hi\\"",'), true);
  assert.throws(() => buildDigestChallenge({ ...challenge, realm: 'a\r\nb' }), TypeError);
});
