// A script with errors sent with PUT /api/v1/script is refused whole (DESIGN.md: "A script error
// names the line and column, and the script that was running stays running"): 400 SCRIPT_INVALID
// with every error's line, column, code and message, nothing written, and the old entry still fires.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DigestClient } from '../support/digest-fetch.ts';
import { endedRuns, eventsSince, lastSeq, putScript, setInput, waitForEvents } from '../support/script-api.ts';
import { startServer, type RunningServer } from '../support/server.ts';

const GOOD = '* * * * * /I1 :\nlog old entry;\n%\n';
// Five mistakes on four lines; default channels have inputs 1 and 2 only.
const BAD = '# door lamp\n* * * 13 * /I3 :\nsnapshoot;\nrelay -pulse 0;\nlog x\n%\n';

let server: RunningServer;
let root: DigestClient;

before(async () => {
  server = await startServer();
  root = new DigestClient(server.url, 'root', 'pass');
  const put = await putScript(root, GOOD);
  assert.equal(put.status, 200, put.text);
});

after(async () => {
  await server?.stop();
});

test('PUT of a bad script answers 400 SCRIPT_INVALID listing every error with line, column, code and message', async () => {
  const res = await putScript(root, BAD);
  assert.equal(res.status, 400);
  assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
  const details = [
    { line: 2, column: 7, code: 'time-out-of-range', message: 'line 2, column 7: month 13 out of range 1-12' },
    { line: 2, column: 12, code: 'input-out-of-range', message: 'line 2, column 12: input 3 in "/I3" out of range 1-2' },
    { line: 3, column: 1, code: 'unknown-command', message: 'line 3, column 1: unknown command "snapshoot" (did you mean "snapshot"?)' },
    { line: 4, column: 14, code: 'bad-number', message: 'line 4, column 14: bad number "0" for -pulse: expected a positive integer of milliseconds' },
    { line: 5, column: 6, code: 'missing-semicolon', message: 'line 5, column 6: missing ";" after command "log"' },
  ];
  assert.deepEqual(JSON.parse(res.text), { error: { code: 'SCRIPT_INVALID', message: details[0]!.message, details } });
});

test('the same bad script as JSON {"text": ...} is refused the same way', async () => {
  const res = await root.request('/api/v1/script', {
    method: 'PUT',
    body: JSON.stringify({ text: '* * * * * /I1 :\nrelay -of;\n%\n' }),
    headers: { 'content-type': 'application/json' },
  });
  assert.equal(res.status, 400);
  const body = JSON.parse(res.text);
  assert.equal(body.error.code, 'SCRIPT_INVALID');
  assert.deepEqual(
    body.error.details.map((d: { line: number; column: number; code: string }) => [d.line, d.column, d.code]),
    [[2, 1, 'missing-option'], [2, 7, 'unknown-option']],
  );
});

test('the refused script was neither installed, written nor journaled: the old text stays', async () => {
  const get = await root.request('/api/v1/script');
  assert.equal(get.status, 200);
  assert.equal(get.text, GOOD);
  assert.equal(readFileSync(join(server.dataDir, 'script.txt'), 'utf8'), GOOD);
  const scripts = (await eventsSince(root, 0)).filter((e) => e.kind === 'script').map((e) => [e.actor, e.data]);
  assert.deepEqual(scripts.at(-1), ['http:root', { entries: 1, errors: [] }], 'the last install is still the good script');
});

test('an edge still fires the old entry', async () => {
  const since = await lastSeq(root);
  await setInput(root, 1, 1);
  const events = await waitForEvents(root, since, (e) => endedRuns(e, 1) === 1);
  const started = events.find((e) => e.kind === 'script_run')!;
  assert.deepEqual(started.data, { entry: 1, run: null, trigger: 'entry 1: /I1', outcome: 'started', cause: events[0]!.seq });
  const logs = events.filter((e) => e.kind === 'log').map((e) => [e.actor, e.data]);
  assert.deepEqual(logs, [[`script:1#${started.seq}`, { text: 'old entry' }]]);
});
