// Every HTTP entry point of the real app under generated methods, paths, queries, headers and bodies
// (test/fuzz/http-targets.ts, test/fuzz/http-requests.ts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fuzzTest } from './fuzz-test.ts';
import { FuzzRig } from './http-rig.ts';
import { httpTargets } from './http-targets.ts';

test('the fuzz draws paths from every route the server registers', async () => {
  const rig = await FuzzRig.start();
  try {
    for (const path of ['/io/relayon.txt', '/api/v1/outputs/:n', '/api/v1/snapshots/:file', '/api/v1/users/:name', '/api/v1/channels/:id', '/axis-cgi/io/port.cgi', '/index.html']) {
      assert.ok(rig.routes.includes(path), `${path} is not among ${rig.routes.join(' ')}`);
    }
  } finally {
    await rig.stop();
  }
});

for (const target of httpTargets.filter((t) => t.family === 'http')) fuzzTest(target, 2000);
