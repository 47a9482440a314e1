import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { JournalEvent } from '../journal/index.ts';
import { startRig } from '../../test/support/core-rig.ts';

/** The core in this process with `script` as its file; uploads are collected, not sent. */
async function setup(script: string) {
  const uploads: unknown[] = [];
  const rig = await startRig(script, { uploads: { enqueue: (r) => uploads.push(r) }, size: { width: 160, height: 120 } });
  const runs = (): Array<JournalEvent<'script_run'>> => rig.journal.query({ kind: 'script_run', limit: 1000 }) as Array<JournalEvent<'script_run'>>;
  return { ...rig, uploads, runs };
}

test('a rising edge runs its entry, and the journal ties edge → run → relay → snapshot', async () => {
  const s = await setup('* * * * * /I1 :\nsnapshot -relay on;\nrelay -off;\n%\n');
  await s.backend.setLevel(0, 1);
  await s.engine.idle();
  const events = s.journal.query({ since: 0, limit: 100 });
  const edge = events.find((e) => e.kind === 'input')!;
  const started = events.find((e) => e.kind === 'script_run' && e.data.outcome === 'started')!;
  assert.equal((started.data as { cause: number }).cause, edge.seq);
  const actor = `script:1#${started.seq}`;
  const effects = events.filter((e) => e.actor === actor).map((e) => `${e.kind}:${JSON.stringify((e.data as { active?: boolean }).active ?? null)}`);
  assert.deepEqual(effects, ['output:true', 'snapshot:null', 'output:false']);
  assert.equal(s.runs().at(-1)!.data.outcome, 'finished');
  await s.stop();
});

test('a falling edge does not fire a rising-edge entry, and fires a falling one', async () => {
  const s = await setup('* * * * * /I1 :\nlog up;\n%\n* * * * * \\I1 :\nlog down;\n%\n');
  await s.backend.setLevel(0, 1);
  await s.backend.setLevel(0, 0);
  await s.engine.idle();
  const logs = s.journal.query({ kind: 'log' }).map((e) => (e.data as { text: string }).text);
  assert.deepEqual(logs, ['up', 'down']);
  await s.stop();
});

test('level terms are conditions: /I1&1I2 runs only while input 2 is high', async () => {
  const s = await setup('* * * * * /I1&1I2 :\nlog both;\n%\n');
  await s.backend.pulse(0, { count: 1, highMs: 0, lowMs: 0 });
  await s.engine.idle();
  assert.equal(s.runs().length, 0);
  await s.backend.setLevel(1, 1);
  await s.backend.pulse(0, { count: 1, highMs: 0, lowMs: 0 });
  await s.engine.idle();
  assert.equal(s.runs().filter((r) => r.data.outcome === 'finished').length, 1);
  await s.stop();
});

test('triggers during a run: the first waits and runs next, further ones are skipped, all journaled', async () => {
  const s = await setup('* * * * * /I1 :\nsleep 0.3;\n%\n');
  await s.backend.pulse(0, { count: 3, highMs: 0, lowMs: 0 });
  await sleep(50);
  await s.engine.idle();
  await sleep(10);
  await s.engine.idle();
  const outcomes = s.runs().map((r) => r.data.outcome);
  assert.deepEqual(outcomes, ['started', 'queued', 'skipped', 'finished', 'started', 'finished']);
  await s.stop();
});

test('BOOT entries run once at start; schedules run when their minute comes', async () => {
  const s = await setup('* * * * * BOOT :\nlog boot;\n%\n30 8 * * 1-5 :\nlog workday;\n%\n');
  await s.engine.idle();
  assert.deepEqual(s.journal.query({ kind: 'log' }).map((e) => (e.data as { text: string }).text), ['boot']);
  s.engine.runDue(new Date(2026, 10, 28, 8, 30)); // a Saturday
  s.engine.runDue(new Date(2026, 10, 26, 8, 31)); // Thursday, wrong minute
  s.engine.runDue(new Date(2026, 10, 26, 8, 30, 42)); // Thursday 08:30
  await s.engine.idle();
  assert.deepEqual(s.journal.query({ kind: 'log' }).map((e) => (e.data as { text: string }).text), ['boot', 'workday']);
  await s.stop();
});

test('a script with errors is refused whole and the running one keeps running', async () => {
  const s = await setup('* * * * * /I1 :\nlog old;\n%\n');
  const result = await s.engine.replace('* * * * * /I1 :\nlog new;\nsnapshoot;\n%\n', 'http:root');
  assert.equal(result.ok, false);
  assert.equal(!result.ok && result.errors[0]!.message, 'line 3, column 1: unknown command "snapshoot" (did you mean "snapshot"?)');
  await s.backend.setLevel(0, 1);
  await s.engine.idle();
  assert.deepEqual(s.journal.query({ kind: 'log' }).map((e) => (e.data as { text: string }).text), ['old']);
  await s.stop();
});

test('a failing command ends its run with the line and column, and later triggers still run', async () => {
  const s = await setup('* * * * * /I1 :\nsnapshot -source nowhere;\nlog after;\n%\n');
  await s.backend.setLevel(0, 1);
  await s.engine.idle();
  const failed = s.runs().find((r) => r.data.outcome === 'failed')!;
  assert.match(failed.data.message!, /^line 2, column 1: snapshot: no snapshot source named "nowhere"/);
  assert.equal(s.journal.query({ kind: 'log' }).length, 0);
  assert.equal(s.journal.query({ kind: 'snapshot_failed' }).length, 1);
  await s.stop();
});

test('an edit of the file by hand is picked up; a broken edit is refused and journaled', async () => {
  const s = await setup('* * * * * /I1 :\nlog one;\n%\n');
  writeFileSync(join(s.dir, 'script.txt'), '* * * * * /I1 :\nlog two;\n%\n');
  await sleep(400);
  assert.match(s.engine.text(), /log two/);
  writeFileSync(join(s.dir, 'script.txt'), '* * * * * /I9 :\nlog three;\n%\n');
  await sleep(400);
  assert.match(s.engine.text(), /log two/);
  const refused = s.journal.query({ kind: 'script', descending: true, limit: 1 })[0]!;
  assert.equal((refused.data as { errors: string[] }).errors.length, 1);
  await s.stop();
});

test('ftp, mail and alert hand the run\'s latest picture to the upload queue', async () => {
  const s = await setup('* * * * * /I2 :\nsnapshot;\nftp;\nmail -subject "Door";\nalert -target siren;\n%\n');
  await s.backend.setLevel(1, 1);
  await s.engine.idle();
  const requests = s.uploads as Array<{ kind: string; record: { id: number } | null; text?: string; target?: string }>;
  assert.deepEqual(requests.map((r) => [r.kind, r.record?.id, r.text ?? null, r.target ?? null]), [
    ['ftp', 1, null, null],
    ['mail', 1, 'Door', null],
    ['alert', 1, null, 'siren'],
  ]);
  await s.stop();
});
