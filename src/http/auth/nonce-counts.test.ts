import assert from 'node:assert/strict';
import { test } from 'node:test';
import { NonceCounts, REPLAY_WINDOW } from './nonce-counts.ts';

test('each count is accepted once per nonce; a repeat is a replay', () => {
  const counts = new NonceCounts();
  assert.equal(counts.use('n', 0, 1), 'accepted');
  assert.equal(counts.use('n', 0, 2), 'accepted');
  assert.equal(counts.use('n', 0, 2), 'replay');
  assert.equal(counts.use('n', 0, 1), 'replay');
  assert.equal(counts.use('n', 0, 7), 'accepted');
  assert.equal(counts.use('other', 0, 1), 'accepted');
});

test('counts that overtook each other are accepted once, inside the window only', () => {
  const counts = new NonceCounts();
  assert.equal(counts.use('n', 0, 10), 'accepted');
  assert.equal(counts.use('n', 0, 8), 'accepted', 'an unused lower count: a request that was overtaken');
  assert.equal(counts.use('n', 0, 8), 'replay');
  assert.equal(counts.use('n', 0, 9), 'accepted');
  assert.equal(counts.use('n', 0, 10 + REPLAY_WINDOW), 'accepted');
  assert.equal(counts.use('n', 0, 10), 'replay', 'used, and now at the edge of the window');
  assert.equal(counts.use('n', 0, 9), 'replay', 'below the window: cannot be told from a replay');
  assert.equal(counts.use('n', 0, 11), 'accepted', 'unused and inside the window');
});

test('memory stays bounded, least recently used nonce goes first', () => {
  const counts = new NonceCounts({ maxEntries: 3 });
  for (const [i, nonce] of ['a', 'b', 'c'].entries()) counts.use(nonce, i, 1);
  counts.use('a', 0, 2); // a is now the most recently used
  counts.use('d', 3, 1); // evicts b
  assert.equal(counts.size, 3);
  assert.equal(counts.use('a', 0, 3), 'accepted');
  assert.equal(counts.use('c', 2, 2), 'accepted');
});

test('an evicted nonce is never accepted again, so eviction opens no replay window', () => {
  const counts = new NonceCounts({ maxEntries: 2 });
  counts.use('late', 100, 5); // issued late, used early
  counts.use('early', 50, 1);
  counts.use('early', 50, 2);
  counts.use('x', 10, 1); // evicts 'late'
  assert.equal(counts.use('late', 100, 5), 'forgotten');
  assert.equal(counts.use('late', 100, 6), 'forgotten');
  // A nonce issued after everything evicted is still new.
  assert.equal(counts.use('new', 101, 1), 'accepted');
});
