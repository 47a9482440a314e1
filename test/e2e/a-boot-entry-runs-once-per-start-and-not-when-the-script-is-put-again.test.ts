// A BOOT entry (DESIGN.md, "The CRON script") runs once when auxio starts: not again when the same
// script is PUT (nor when the file watcher sees auxio's own write), and once more after a restart.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { DigestClient } from '../support/digest-fetch.ts';
import type { EventJson } from '../support/journal-pages.ts';
import { endedRuns, eventsSince, lastSeq, putScript, waitForEvents } from '../support/script-api.ts';
import { startServer, tempDir, type RunningServer } from '../support/server.ts';

const BOOT_SCRIPT = '# lamp test at start-up\n* * * * * BOOT :\nlog booted;\n%\n* * * * * /I1 :\nlog door;\n%\n';

let dataDir: string;
let server: RunningServer;
let root: DigestClient;

before(async () => {
  dataDir = tempDir();
  writeFileSync(join(dataDir, 'script.txt'), BOOT_SCRIPT);
  server = await startServer({ dataDir });
  root = new DigestClient(server.url, 'root', 'pass');
});

after(async () => {
  await server?.stop();
});

/** The BOOT runs in `events`: their started entry, and the log line each wrote. */
function bootRuns(events: EventJson[]): Array<{ started: EventJson; logs: unknown[]; outcomes: unknown[] }> {
  const started = events.filter((e) => e.kind === 'script_run' && e.data.entry === 1 && e.data.outcome === 'started');
  return started.map((s) => ({
    started: s,
    logs: events.filter((e) => e.kind === 'log' && e.actor === `script:1#${s.seq}`).map((e) => e.data),
    outcomes: events.filter((e) => e.kind === 'script_run' && (e.data.run === s.seq || e.seq === s.seq)).map((e) => e.data.outcome),
  }));
}

test('the BOOT entry ran once at start-up, after the start entry, with trigger "entry 1: BOOT"', async () => {
  const events = await waitForEvents(root, 0, (e) => endedRuns(e, 1) >= 1);
  const runs = bootRuns(events);
  assert.equal(runs.length, 1);
  assert.deepEqual(runs[0]!.started.data, { entry: 1, run: null, trigger: 'entry 1: BOOT', outcome: 'started', cause: null });
  assert.deepEqual(runs[0]!.logs, [{ text: 'booted' }]);
  assert.deepEqual(runs[0]!.outcomes, ['started', 'finished']);
  const start = events.find((e) => e.kind === 'start')!;
  assert.ok(start.seq < runs[0]!.started.seq, 'BOOT ran before the start was journaled');
  assert.deepEqual(scriptEntries(events), [['file', { entries: 2, errors: [] }]]);
});

function scriptEntries(events: EventJson[]): Array<[string | null, unknown]> {
  return events.filter((e) => e.kind === 'script').map((e) => [e.actor, e.data]);
}

test('PUT of the same script installs it but does not run BOOT again', async () => {
  const since = await lastSeq(root);
  const put = await putScript(root, BOOT_SCRIPT);
  assert.equal(put.status, 200, put.text);
  assert.deepEqual(JSON.parse(put.text), { entries: 2 });
  // The file watcher debounces 100 ms; give it, and any stray run, several times that.
  await sleep(600);
  const events = await eventsSince(root, since);
  assert.deepEqual(scriptEntries(events), [['http:root', { entries: 2, errors: [] }]], 'one install, none from the watcher');
  assert.deepEqual(events.filter((e) => e.kind === 'script_run' || e.kind === 'log'), []);
});

test('after a restart the BOOT entry runs once more: twice in the journal in all', async () => {
  await server.stop();
  server = await startServer({ dataDir });
  root = new DigestClient(server.url, 'root', 'pass');
  await waitForEvents(root, 0, (e) => endedRuns(e, 1) >= 2);
  await sleep(300); // a second run at this start would show by now
  const all = await eventsSince(root, 0);
  const runs = bootRuns(all);
  assert.equal(runs.length, 2, 'one BOOT run per start');
  const starts = all.filter((e) => e.kind === 'start').map((e) => e.seq);
  assert.equal(starts.length, 2);
  assert.ok(runs[0]!.started.seq > starts[0]! && runs[0]!.started.seq < starts[1]!, 'first run belongs to the first start');
  assert.ok(runs[1]!.started.seq > starts[1]!, 'second run follows the restart');
  assert.deepEqual(runs[1]!.logs, [{ text: 'booted' }]);
});
