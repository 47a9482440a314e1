import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isPublishTopic, topicMatches } from './topic-match.ts';

test('filters match as the broker matches them', () => {
  const cases: Array<[string, string, boolean]> = [
    ['auxio/+/relay/+/set', 'auxio/gate/relay/1/set', true],
    ['auxio/+/relay/+/set', 'auxio/gate/relay/1/state', false],
    ['auxio/+/relay/+/set', 'auxio/gate/relay/1/set/x', false],
    ['auxio/#', 'auxio', true],
    ['auxio/#', 'auxio/a/b/c', true],
    ['#', 'anything/at/all', true],
    ['+', 'one', true],
    ['+', 'one/two', false],
    ['homeassistant/status', 'homeassistant/status', true],
    ['homeassistant/status', 'homeassistant/status2', false],
    ['#', '$SYS/broker/uptime', false],
    ['+/broker/uptime', '$SYS/broker/uptime', false],
    ['$SYS/#', '$SYS/broker/uptime', true],
    ['a/+', 'a/', true],
  ];
  for (const [filter, topic, expected] of cases) assert.equal(topicMatches(filter, topic), expected, `${filter} vs ${topic}`);
});

test('publish topics have no wildcards and are not empty', () => {
  assert.equal(isPublishTopic('auxio/auxio/relay/1/state'), true);
  assert.equal(isPublishTopic(''), false);
  assert.equal(isPublishTopic('a/+/b'), false);
  assert.equal(isPublishTopic('a/#'), false);
  assert.equal(isPublishTopic('a\u0000b'), false);
});
