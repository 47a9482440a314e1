import { test } from 'node:test';
import assert from 'node:assert/strict';
import { globMatches } from './apidiscovery-cgi.ts';

test('getApiList filters are globs: * any run, ? one character, anything else itself', () => {
  assert.equal(globMatches('io-*', 'io-port-management'), true);
  assert.equal(globMatches('*-info', 'basic-device-info'), true);
  assert.equal(globMatches('1.?', '1.0'), true);
  assert.equal(globMatches('1.?', '1.10'), false);
  assert.equal(globMatches('*', ''), true);
  assert.equal(globMatches('', ''), true);
  assert.equal(globMatches('', 'x'), false);
  assert.equal(globMatches('a*b*c', 'abc'), true);
  assert.equal(globMatches('a*b*c', 'acb'), false);
  assert.equal(globMatches('param.cgi', 'param-cgi'), false, 'a dot is a dot');
  assert.equal(globMatches('[a-z]*', 'api-discovery'), false, 'brackets are literal');
  assert.equal(globMatches('**?', 'x'), true);
});

// Found by the HTTP fuzz (test/fuzz): the globs became backtracking regexes, and `*?*?…!` took minutes.
test('a pattern of many wildcards answers at once', () => {
  const started = performance.now();
  assert.equal(globMatches(`${'*?'.repeat(5000)}!`, 'event-streaming-over-websocket'), false);
  assert.equal(globMatches('*e'.repeat(40), 'event-streaming-over-websocket'), false);
  assert.ok(performance.now() - started < 500, `took ${performance.now() - started} ms`);
});
