import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Outbox, type QueuedMessage } from './outbox.ts';

const state = (topic: string, payload: string): QueuedMessage => ({ topic, payload, retain: true, qos: 1 });
const event = (topic: string, payload: string): QueuedMessage => ({ topic, payload, retain: false, qos: 1 });
const texts = (box: Outbox): string[] => box.drain().map((m) => `${m.topic}=${m.payload}`);

test('a retained message replaces the one queued for its topic and moves to the end', () => {
  const box = new Outbox({ max: 10 });
  box.push(state('relay/1/state', 'ON'));
  box.push(event('input/1/event', 'e1'));
  box.push(state('relay/1/state', 'OFF'));
  assert.equal(box.size, 2);
  assert.deepEqual(texts(box), ['input/1/event=e1', 'relay/1/state=OFF']);
  assert.equal(box.size, 0);
});

test('non-retained messages are all kept, in order', () => {
  const box = new Outbox({ max: 10 });
  for (const n of [1, 2, 3]) box.push(event('input/1/event', `e${n}`));
  assert.deepEqual(texts(box), ['input/1/event=e1', 'input/1/event=e2', 'input/1/event=e3']);
});

test('past the bound the oldest non-retained message goes first', () => {
  const box = new Outbox({ max: 3 });
  box.push(state('a', '1'));
  box.push(event('e', '1'));
  box.push(state('b', '1'));
  box.push(event('e', '2'));
  box.push(event('e', '3'));
  assert.equal(box.dropped, 2);
  assert.deepEqual(texts(box), ['a=1', 'b=1', 'e=3']);
});

test('with only retained messages left, the oldest retained one goes', () => {
  const box = new Outbox({ max: 2 });
  box.push(state('a', '1'));
  box.push(state('b', '1'));
  box.push(state('c', '1'));
  assert.deepEqual(texts(box), ['b=1', 'c=1']);
  assert.equal(box.dropped, 1);
});

test('a bound of 0 keeps nothing', () => {
  const box = new Outbox({ max: 0 });
  box.push(state('a', '1'));
  box.push(event('e', '1'));
  assert.deepEqual([box.size, box.dropped], [0, 2]);
});

test('forgetRetained drops the queued state of one topic only', () => {
  const box = new Outbox({ max: 5 });
  box.push(state('a', '1'));
  box.push(state('b', '1'));
  box.push(event('a', 'e'));
  box.forgetRetained('a');
  assert.deepEqual(texts(box), ['b=1', 'a=e']);
});

test('a bad bound is refused', () => {
  assert.throws(() => new Outbox({ max: -1 }), RangeError);
  assert.throws(() => new Outbox({ max: 1.5 }), RangeError);
});
