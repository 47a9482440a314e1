import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StoredSnapshot } from '../snapshot/index.ts';
import { silentLog } from './log.ts';
import { SnapshotPublisher } from './snapshot-publisher.ts';
import { deviceTopics } from './topics.ts';
import type { OutgoingMessage } from './wire.ts';

const dir = mkdtempSync(join(tmpdir(), 'auxio-mqtt-snap-'));
const pictures = new Map<number, StoredSnapshot>();
for (const id of [1, 2, 3]) {
  const path = join(dir, `${id}.jpg`);
  writeFileSync(path, Buffer.from([0xff, 0xd8, id, 0xff, 0xd9]));
  pictures.set(id, { record: { id, takenAt: id * 1000, source: 's', trigger: 't', width: 1, height: 1, bytes: 5 }, path });
}
const store = { latest: () => pictures.get(3), get: (id: number) => pictures.get(id) };

function publisher(image: boolean) {
  const sent: OutgoingMessage[] = [];
  const p = new SnapshotPublisher({ publish: (m) => sent.push(m), topics: deviceTopics('auxio', 'auxio'), store, publicUrl: undefined, image, log: silentLog });
  return { p, sent };
}

test('a burst of pictures publishes every JSON but reads only the first and the newest JPEG', async () => {
  const { p, sent } = publisher(true);
  p.announce(1);
  p.announce(2);
  p.announce(3);
  await p.idle();
  const images = sent.filter((m) => m.topic.endsWith('/image')).map((m) => (m.payload as Buffer)[2]);
  const ids = sent.filter((m) => m.topic.endsWith('/latest')).map((m) => JSON.parse(String(m.payload)).id);
  assert.deepEqual(ids, [1, 2, 3]);
  assert.deepEqual(images, [1, 3]);
  assert.equal(sent.at(-1)!.topic, 'auxio/auxio/snapshot/image', 'the newest JPEG comes last');
});

test('without the image entity only the JSON goes out, and a JPEG left retained is cleared', async () => {
  const { p, sent } = publisher(false);
  p.publishCurrent();
  p.announce(99);
  await p.idle();
  assert.deepEqual(sent.map((m) => [m.topic, String(m.payload), m.retain]), [
    ['auxio/auxio/snapshot/image', '', true],
    ['auxio/auxio/snapshot/latest', '{"id":3,"time":"1970-01-01T00:00:03.000Z","url":"/api/v1/snapshots/3.jpg"}', true],
  ]);
});

test('a picture removed before it is read is skipped', async () => {
  const sent: OutgoingMessage[] = [];
  const gone: StoredSnapshot = { ...pictures.get(1)!, path: join(dir, 'missing.jpg') };
  const lonely = new SnapshotPublisher({
    publish: (m) => sent.push(m), topics: deviceTopics('auxio', 'auxio'), store: { latest: () => gone, get: () => gone }, image: true, log: silentLog,
  });
  lonely.announce('latest');
  await lonely.idle();
  assert.deepEqual(sent.map((m) => m.topic), ['auxio/auxio/snapshot/latest']);
});
