import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RecentMessages, type Delivery } from './recent-messages.ts';

const msg = (over: Partial<Delivery> = {}): Delivery => ({
  topic: 'auxio/auxio/relay/1/set', payload: Buffer.from('TOGGLE'), qos: 1, dup: false, messageId: 7, ...over,
});

test('a DUP resend of a message already taken is a repeat', () => {
  const recent = new RecentMessages();
  assert.equal(recent.isRepeat(msg()), false);
  assert.equal(recent.isRepeat(msg({ dup: true })), true);
});

test('a reused packet id without DUP is a new message', () => {
  const recent = new RecentMessages();
  assert.equal(recent.isRepeat(msg()), false);
  assert.equal(recent.isRepeat(msg()), false);
});

test('a DUP message never seen before is taken (the first delivery was lost)', () => {
  assert.equal(new RecentMessages().isRepeat(msg({ dup: true })), false);
});

test('a DUP with another payload or topic is not a repeat', () => {
  const recent = new RecentMessages();
  recent.isRepeat(msg());
  assert.equal(recent.isRepeat(msg({ dup: true, payload: Buffer.from('ON') })), false);
  assert.equal(recent.isRepeat(msg({ dup: true, topic: 'auxio/auxio/relay/2/set' })), false);
});

test('QoS 0 messages are never repeats: they are never resent', () => {
  const recent = new RecentMessages();
  recent.isRepeat(msg({ qos: 0, messageId: undefined }));
  assert.equal(recent.isRepeat(msg({ qos: 0, messageId: undefined, dup: true })), false);
});

test('memory is bounded in count and time', () => {
  let now = 0;
  const recent = new RecentMessages({ max: 2, ttlMs: 1000, clock: () => now });
  recent.isRepeat(msg({ messageId: 1 }));
  recent.isRepeat(msg({ messageId: 2 }));
  recent.isRepeat(msg({ messageId: 3 }));
  assert.equal(recent.isRepeat(msg({ messageId: 1, dup: true })), false, 'the oldest was forgotten');
  assert.equal(recent.isRepeat(msg({ messageId: 3, dup: true })), true);
  now = 5000;
  assert.equal(recent.isRepeat(msg({ messageId: 3, dup: true })), false, 'too old to be a resend');
});
