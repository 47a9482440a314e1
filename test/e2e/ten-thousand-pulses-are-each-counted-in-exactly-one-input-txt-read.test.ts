// DESIGN.md: "an edge counted by the hub ... is counted in exactly one input.txt interval", and
// auxio counts every edge where the AXIS 200 polled every 0.2 s. 10,000 back-to-back pulses while
// two clients read input.txt as fast as they can: the reported pulses add up to exactly 10,000.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, type RunningServer } from '../support/server.ts';
import { curl } from '../support/curl.ts';
import { DigestClient } from '../support/digest-fetch.ts';
import { parseInputTxt, type InputLine } from '../support/input-txt.ts';

const PULSES = 10_000;

let server: RunningServer;

before(async () => {
  server = await startServer();
});

after(async () => {
  await server?.stop();
});

test(`${PULSES} simulated pulses read concurrently through input.txt add up to exactly ${PULSES}`, async () => {
  const reports: InputLine[][] = [];
  const record = (body: string): void => {
    const lines = parseInputTxt(body);
    assert.deepEqual(
      lines.map((l) => l.input),
      [1, 2],
    );
    reports.push(lines);
  };
  // Start the interval now, so that every pulse of the train falls after it.
  const poller = new DigestClient(server.url, 'root', 'pass');
  const start = await poller.request('/io/input.txt');
  assert.equal(start.status, 200);
  assert.deepEqual(parseInputTxt(start.text).map((l) => l.pulse), [0, 0]);

  let trainDone = false;
  const train = new DigestClient(server.url, 'root', 'pass')
    .request('/api/v1/sim/inputs/1', {
      method: 'POST',
      body: JSON.stringify({ pulses: PULSES, highMs: 0, lowMs: 0 }),
      headers: { 'content-type': 'application/json' },
    })
    .finally(() => (trainDone = true));

  // Reader 1: fetch with Digest, reusing its nonce; reader 2: the real curl, a new login each time.
  const fetchReader = (async () => {
    while (!trainDone) {
      const res = await poller.request('/io/input.txt');
      assert.equal(res.status, 200, res.text);
      record(res.text);
    }
  })();
  const curlReader = (async () => {
    while (!trainDone) {
      const res = await curl(['--digest', '-u', 'root:pass', `${server.url}/io/input.txt`]);
      assert.equal(res.status, 200, res.body);
      record(res.body);
    }
  })();
  const answer = await train;
  await Promise.all([fetchReader, curlReader]);
  assert.equal(answer.status, 200, answer.text);
  assert.deepEqual(JSON.parse(answer.text), { id: 'input1', level: 0, pulses: PULSES });

  const final = await curl(['--basic', '-u', 'root:pass', `${server.url}/io/input.txt`]);
  assert.equal(final.status, 200);
  record(final.body);

  const total = reports.reduce((sum, lines) => sum + lines[0]!.pulse, 0);
  assert.equal(total, PULSES, `reads reported ${reports.map((l) => l[0]!.pulse).join(' + ')}`);
  assert.equal(reports.reduce((sum, lines) => sum + lines[1]!.pulse, 0), 0, 'input 2 never moved');
  // The train really was split between reads, or the test proved nothing about concurrency.
  const splitting = reports.filter((l) => l[0]!.pulse > 0 && l[0]!.pulse < PULSES).length;
  assert.ok(splitting >= 5, `only ${splitting} of ${reports.length} reads landed inside the train`);

  const again = await poller.request('/io/input.txt');
  assert.deepEqual(parseInputTxt(again.text).map((l) => l.pulse), [0, 0]);
  const io = JSON.parse((await poller.request('/api/v1/io')).text);
  assert.equal(io.channels[0].pulses, PULSES);
});
