// script.txt in the data dir is the resident script: an edit made by hand (in place, or the way
// editors save: a new file renamed over the old) runs within about a second; a broken edit is
// refused, journaled as a `script` entry with its errors, and the script that ran keeps running.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DigestClient } from '../support/digest-fetch.ts';
import type { EventJson } from '../support/journal-pages.ts';
import { endedRuns, lastSeq, putScript, setInput, waitForEvents } from '../support/script-api.ts';
import { startServer, type RunningServer } from '../support/server.ts';

const V1 = '* * * * * /I1 :\nlog v1;\n%\n';
const V2 = '# edited by hand\n* * * * * /I1 :\nlog v2;\n%\n';
const BROKEN = '# half-saved\n* * * * * /I1 :\nlog v3\n';
const V3 = '* * * * * /I1 :\nlog v3;\n%\n';

let server: RunningServer;
let root: DigestClient;
let scriptFile: string;
let level: 0 | 1 = 0;

before(async () => {
  server = await startServer();
  root = new DigestClient(server.url, 'root', 'pass');
  scriptFile = join(server.dataDir, 'script.txt');
  const put = await putScript(root, V1);
  assert.equal(put.status, 200, put.text);
});

after(async () => {
  await server?.stop();
});

/** Opens the door (after closing it, if need be) and returns what entry 1 logged. */
async function doorLogs(): Promise<unknown[]> {
  if (level === 1) await setInput(root, 1, (level = 0));
  const since = await lastSeq(root);
  await setInput(root, 1, (level = 1));
  const events = await waitForEvents(root, since, (e) => endedRuns(e, 1) === 1);
  return events.filter((e) => e.kind === 'log').map((e) => e.data.text);
}

async function scriptText(): Promise<string> {
  return (await root.request('/api/v1/script')).text;
}

/** Waits for the watcher's `script` journal entry; returns it and how long after `from` it came. */
async function nextScriptEntry(since: number, from: number): Promise<{ entry: EventJson; ms: number }> {
  const events = await waitForEvents(root, since, (e) => e.some((x) => x.kind === 'script'), 3000);
  const entry = events.find((e) => e.kind === 'script')!;
  return { entry, ms: Date.parse(entry.time) - from };
}

test('an edit written in place is running within a second, journaled as a script install by "file"', async () => {
  assert.deepEqual(await doorLogs(), ['v1']);
  const since = await lastSeq(root);
  const from = Date.now();
  writeFileSync(scriptFile, V2);
  const { entry, ms } = await nextScriptEntry(since, from);
  assert.deepEqual([entry.actor, entry.data], ['file', { entries: 1, errors: [] }]);
  assert.ok(ms < 1000, `picked up after ${ms} ms`);
  assert.equal(await scriptText(), V2);
  assert.deepEqual(await doorLogs(), ['v2']);
});

test('an edit saved as a new file renamed over the old one is picked up too', async () => {
  const since = await lastSeq(root);
  const from = Date.now();
  writeFileSync(`${scriptFile}.swp`, V3);
  renameSync(`${scriptFile}.swp`, scriptFile);
  const { entry, ms } = await nextScriptEntry(since, from);
  assert.deepEqual([entry.actor, entry.data], ['file', { entries: 1, errors: [] }]);
  assert.ok(ms < 1000, `picked up after ${ms} ms`);
  assert.deepEqual(await doorLogs(), ['v3']);
});

test('a broken edit is refused with its errors in the journal, and the running script stays', async () => {
  const since = await lastSeq(root);
  writeFileSync(scriptFile, BROKEN);
  const { entry } = await nextScriptEntry(since, Date.now());
  assert.deepEqual([entry.actor, entry.data], [
    'file',
    {
      entries: 0,
      errors: [
        'line 3, column 7: missing ";" after command "log"',
        'line 3, column 7: missing "%" at end of file (to close the entry started on line 2)',
      ],
    },
  ]);
  assert.equal(await scriptText(), V3, 'the API still shows the running script');
  assert.deepEqual(await doorLogs(), ['v3'], 'the old entry still fires');
});
