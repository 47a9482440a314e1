import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deviceTopics, parseCommandTopic } from './topics.ts';

const topics = deviceTopics('auxio', 'gate');

test('the topic layout of one device', () => {
  assert.deepEqual(
    {
      base: topics.base,
      availability: topics.availability,
      inputState: topics.inputState(2),
      inputPulses: topics.inputPulses(2),
      inputEvent: topics.inputEvent(2),
      relayState: topics.relayState(1),
      relaySet: topics.relaySet(1),
      snapshotLatest: topics.snapshotLatest,
      snapshotImage: topics.snapshotImage,
      scriptRun: topics.scriptRun(3),
      relaySetFilter: topics.relaySetFilter,
      scriptRunFilter: topics.scriptRunFilter,
    },
    {
      base: 'auxio/gate',
      availability: 'auxio/gate/availability',
      inputState: 'auxio/gate/input/2/state',
      inputPulses: 'auxio/gate/input/2/pulses',
      inputEvent: 'auxio/gate/input/2/event',
      relayState: 'auxio/gate/relay/1/state',
      relaySet: 'auxio/gate/relay/1/set',
      snapshotLatest: 'auxio/gate/snapshot/latest',
      snapshotImage: 'auxio/gate/snapshot/image',
      scriptRun: 'auxio/gate/script/3/run',
      relaySetFilter: 'auxio/gate/relay/+/set',
      scriptRunFilter: 'auxio/gate/script/+/run',
    },
  );
});

test('a base topic may have levels of its own', () => {
  assert.equal(deviceTopics('site/north/auxio', 'gate').relaySet(2), 'site/north/auxio/gate/relay/2/set');
});

test('command topics name a relay or a script entry', () => {
  assert.deepEqual(parseCommandTopic(topics, 'auxio/gate/relay/1/set'), { kind: 'relay', index: 1 });
  assert.deepEqual(parseCommandTopic(topics, 'auxio/gate/relay/12/set'), { kind: 'relay', index: 12 });
  assert.deepEqual(parseCommandTopic(topics, 'auxio/gate/script/3/run'), { kind: 'script', index: 3 });
});

test('anything else is not a command topic', () => {
  for (const topic of [
    'auxio/gate/relay/1/state',
    'auxio/gate/relay/0/set',
    'auxio/gate/relay/01/set',
    'auxio/gate/relay/x/set',
    'auxio/gate/relay/1/set/more',
    'auxio/gate/relay//set',
    'auxio/other/relay/1/set',
    'auxio/gatex/relay/1/set',
    'auxio/gate/script/1/set',
    'auxio/gate/input/1/set',
  ]) {
    assert.equal(parseCommandTopic(topics, topic), null, topic);
  }
});
