import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  channelIndex,
  inputEventMessage,
  inputPulsesMessage,
  inputStateMessage,
  relayStateMessage,
  snapshotImageMessage,
  snapshotLatestMessage,
} from './state-messages.ts';
import { deviceTopics } from './topics.ts';

const topics = deviceTopics('auxio', 'auxio');

test('input level and pulse total are retained text', () => {
  assert.deepEqual(inputStateMessage(topics, 1, 1), { topic: 'auxio/auxio/input/1/state', payload: 'ON', retain: true });
  assert.deepEqual(inputStateMessage(topics, 1, 0), { topic: 'auxio/auxio/input/1/state', payload: 'OFF', retain: true });
  assert.deepEqual(inputPulsesMessage(topics, 2, 41), { topic: 'auxio/auxio/input/2/pulses', payload: '41', retain: true });
});

test('an input edge is one non-retained JSON event', () => {
  const event = { seq: 12, time: Date.UTC(2025, 0, 2, 3, 4, 5, 6), kind: 'input' as const, channel: 'input1', actor: null, data: { level: 0 as const, pulses: 3 } };
  const message = inputEventMessage(topics, 1, event);
  assert.equal(message.topic, 'auxio/auxio/input/1/event');
  assert.equal(message.retain, false);
  assert.equal(message.payload, '{"event_type":"falling","seq":12,"time":"2025-01-02T03:04:05.006Z","level":0,"pulses":3}');
  const rising = inputEventMessage(topics, 1, { ...event, data: { level: 1, pulses: 3 } });
  assert.equal(JSON.parse(String(rising.payload)).event_type, 'rising');
});

test('relay state is retained ON/OFF', () => {
  assert.deepEqual(relayStateMessage(topics, 1, true), { topic: 'auxio/auxio/relay/1/state', payload: 'ON', retain: true });
  assert.deepEqual(relayStateMessage(topics, 1, false), { topic: 'auxio/auxio/relay/1/state', payload: 'OFF', retain: true });
});

test('the latest picture names its URL, absolute when public_url is set', () => {
  const record = { id: 7, takenAt: Date.UTC(2025, 5, 1, 12, 0, 0) };
  assert.deepEqual(snapshotLatestMessage(topics, record, 'https://gate.example.org/'), {
    topic: 'auxio/auxio/snapshot/latest',
    payload: '{"id":7,"time":"2025-06-01T12:00:00.000Z","url":"https://gate.example.org/api/v1/snapshots/7.jpg"}',
    retain: true,
  });
  assert.equal(JSON.parse(String(snapshotLatestMessage(topics, record, undefined).payload)).url, '/api/v1/snapshots/7.jpg');
  const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xd9]);
  assert.deepEqual(snapshotImageMessage(topics, jpeg), { topic: 'auxio/auxio/snapshot/image', payload: jpeg, retain: true });
});

test('channel ids map to indexes', () => {
  assert.equal(channelIndex('input3', 'input'), 3);
  assert.equal(channelIndex('output1', 'output'), 1);
  assert.equal(channelIndex('output1', 'input'), null);
  assert.equal(channelIndex(null, 'input'), null);
  assert.equal(channelIndex('input0', 'input'), null);
});
