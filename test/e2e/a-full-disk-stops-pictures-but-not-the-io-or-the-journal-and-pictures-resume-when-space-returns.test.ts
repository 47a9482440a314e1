// Issue 7, faults: "Disk full: auxio says so, stops storing pictures, keeps the I/O and the journal
// running, and recovers when space returns." The data dir is a real 16 MB tmpfs that the test fills.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, type RunningServer } from '../support/server.ts';
import { api } from '../support/api.ts';
import { curl } from '../support/curl.ts';
import { mountSmallDisk, type SmallDisk } from '../support/small-disk.ts';
import { parseInputTxt } from '../support/input-txt.ts';

const MB = 1024 * 1024;
const disk = await mountSmallDisk(16 * MB);
const skip = typeof disk === 'string' ? disk : false;
let server: RunningServer;
let small: SmallDisk;

before(async () => {
  if (typeof disk === 'string') return;
  small = disk;
  server = await startServer({ dataDir: small.dir, config: { snapshot: { min_free_bytes: 4 * MB } } });
});

after(async () => {
  await server?.stop();
  if (typeof disk !== 'string') await disk.unmount();
});

const events = async (since: number, kind: string) => (await api(server.url, `/api/v1/events?since=${since}&kind=${kind}&limit=1000`)).body.events;

test('below the reserve a picture is refused with 507, journaled, logged and shown as a warning', { skip }, async () => {
  const { body: before } = await api(server.url, '/api/v1/status');
  assert.equal(before.storage.full, false);
  assert.ok(before.storage.freeBytes > 4 * MB);
  assert.equal((await api(server.url, '/api/v1/snapshots', { method: 'POST', body: {} })).status, 201);

  small.fill(4 * MB - 64 * 1024);
  const refused = await api(server.url, '/api/v1/snapshots', { method: 'POST', body: { label: 'door' } });
  assert.equal(refused.status, 507);
  assert.equal(refused.body.error.code, 'STORAGE_FULL');
  assert.match(refused.body.error.message, /the disk is full \(\d+\.\d MB free\): pictures are not stored until 4\.0 MB are free/);

  const [full] = await events(before.lastSeq, 'storage');
  assert.deepEqual({ ...full.data, freeBytes: 0 }, { full: true, freeBytes: 0, minFreeBytes: 4 * MB });
  const [failed] = await events(before.lastSeq, 'snapshot_failed');
  assert.equal(failed.data.code, 'STORAGE_FULL');
  assert.equal(failed.data.trigger, 'door');
  assert.ok(server.logs.some((l) => l.level === 40 && /the disk is full/.test(String(l.msg))));

  const { body: status } = await api(server.url, '/api/v1/status');
  assert.equal(status.storage.full, true);
  assert.ok(status.warnings.some((w: string) => /the disk is full/.test(w)), JSON.stringify(status.warnings));

  // A second refusal is a second snapshot_failed, not a second storage entry.
  assert.equal((await api(server.url, '/api/v1/snapshots', { method: 'POST', body: {} })).status, 507);
  assert.equal((await events(before.lastSeq, 'storage')).length, 1);
});

test('while full, the relay switches, every pulse is counted and journaled, and input.txt reports them', { skip }, async () => {
  const { body: status } = await api(server.url, '/api/v1/status');
  assert.equal(status.storage.full, true, 'the previous test left the disk full');
  const on = await curl(['--digest', '-u', 'root:pass', `${server.url}/io/relayon.txt`]);
  assert.equal(on.body, 'Relay is On');
  await curl(['--digest', '-u', 'root:pass', `${server.url}/io/input.txt`]); // starts a fresh interval
  const train = await api(server.url, '/api/v1/sim/inputs/1', { method: 'POST', body: { pulses: 500, highMs: 0, lowMs: 0 } });
  assert.equal(train.status, 200, JSON.stringify(train.body));
  const read = await curl(['--digest', '-u', 'root:pass', `${server.url}/io/input.txt`]);
  assert.equal(parseInputTxt(read.body)[0]!.pulse, 500);
  const falls = (await events(status.lastSeq, 'input')).filter((e: { data: { level: number } }) => e.data.level === 0);
  assert.equal(falls.length, 500);
  assert.equal((await events(status.lastSeq, 'output')).at(-1).data.active, true);
});

test('when space returns, the next picture is stored and the journal says pictures resumed', { skip }, async () => {
  const { body: status } = await api(server.url, '/api/v1/status');
  small.unfill();
  const taken = await api(server.url, '/api/v1/snapshots', { method: 'POST', body: { label: 'after' } });
  assert.equal(taken.status, 201, JSON.stringify(taken.body));
  const jpeg = await fetch(`${server.url}/api/v1/snapshots/${taken.body.id}.jpg`, { headers: { authorization: `Basic ${Buffer.from('root:pass').toString('base64')}` } });
  const bytes = Buffer.from(await jpeg.arrayBuffer());
  assert.deepEqual([bytes[0], bytes[1], bytes.at(-2), bytes.at(-1)], [0xff, 0xd8, 0xff, 0xd9]);
  const [resumed] = await events(status.lastSeq, 'storage');
  assert.equal(resumed.data.full, false);
  const { body: after } = await api(server.url, '/api/v1/status');
  assert.equal(after.storage.full, false);
  assert.ok(!after.warnings.some((w: string) => /disk/.test(w)));
  assert.ok(server.logs.some((l) => /room again/.test(String(l.msg))));
  // No half-written picture was left behind by the refusals.
  const leftovers = readdirSync(join(small.dir, 'snapshots'), { recursive: true }).map(String).filter((n) => n.endsWith('.tmp'));
  assert.deepEqual(leftovers, []);
});
