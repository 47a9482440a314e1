import { test } from 'node:test';
import assert from 'node:assert/strict';
import { topicMatches } from './notifications.ts';

test('topic filters: everything, a subtree, or exactly one topic', () => {
  const port = 'tns1:Device/tnsaxis:IO/Port';
  const relay = 'tns1:Device/Trigger/Relay';
  assert.equal(topicMatches('//.', port), true);
  assert.equal(topicMatches('tns1:Device//.', relay), true);
  assert.equal(topicMatches('tns1:Device/Trigger//.', port), false);
  assert.equal(topicMatches(relay, relay), true);
  assert.equal(topicMatches(relay, port), false);
  assert.equal(topicMatches('tns1:Dev//.', port), false, 'a subtree is whole path segments');
});
