// The YAML config shapes the channels: three inputs with names (one wired active-low) appear in
// /api/v1/io under those names, and input.txt has exactly one line per input.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, type RunningServer } from '../support/server.ts';
import { curl } from '../support/curl.ts';
import { DigestClient } from '../support/digest-fetch.ts';
import { parseInputTxt } from '../support/input-txt.ts';

let server: RunningServer;
let root: DigestClient;

before(async () => {
  server = await startServer({
    config: {
      io: {
        inputs: [{ name: 'Front door' }, { name: 'Window', invert: true }, { name: 'Gate contact', debounce_ms: 0 }],
        outputs: [{ name: 'Gate relay' }],
      },
    },
  });
  root = new DigestClient(server.url, 'root', 'pass');
});

after(async () => {
  await server?.stop();
});

test('/api/v1/io shows the three inputs and the relay under their configured names', async () => {
  const res = await root.request('/api/v1/io');
  assert.equal(res.status, 200);
  const channels = JSON.parse(res.text).channels;
  assert.deepEqual(
    channels.map((c: { id: string; index: number; name: string; direction: string; level?: number }) => [c.id, c.index, c.name, c.direction, c.level]),
    [
      ['input1', 1, 'Front door', 'input', 0],
      // Active-low: the pin idles low, so the input reads as active.
      ['input2', 2, 'Window', 'input', 1],
      ['input3', 3, 'Gate contact', 'input', 0],
      ['output1', 1, 'Gate relay', 'output', undefined],
    ],
  );
});

test('input.txt has exactly three lines, input:1 to input:3', async () => {
  const sim = await root.request('/api/v1/sim/inputs/3', {
    method: 'POST',
    body: JSON.stringify({ pulses: 2, highMs: 0, lowMs: 0 }),
    headers: { 'content-type': 'application/json' },
  });
  assert.equal(sim.status, 200, sim.text);
  const res = await curl(['--digest', '-u', 'root:pass', `${server.url}/io/input.txt`]);
  assert.equal(res.status, 200);
  assert.equal(res.body.split('\n').length, 4, JSON.stringify(res.body));
  const lines = parseInputTxt(res.body);
  assert.deepEqual(
    lines.map((l) => [l.input, l.current, l.last, l.pulse]),
    [
      [1, 0, 0, 0],
      [2, 1, 1, 0],
      [3, 0, 0, 2],
    ],
  );
});

test('an input beyond the configured three does not exist', async () => {
  const res = await root.request('/api/v1/sim/inputs/4', {
    method: 'POST',
    body: JSON.stringify({ level: 1 }),
    headers: { 'content-type': 'application/json' },
  });
  assert.equal(res.status, 404);
  assert.deepEqual(JSON.parse(res.text), { error: { code: 'NOT_FOUND', message: 'input 4 not found' } });
});
