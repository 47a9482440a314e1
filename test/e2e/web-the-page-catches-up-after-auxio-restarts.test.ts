// The web page survives a restart of auxio: the event stream reconnects by itself and resumes
// after the last entry it saw (Last-Event-ID), so changes made while the page was cut off show up
// once, in order, without a reload, and the connection badge says what is going on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { restartInPlace } from '../support/restart.ts';
import { api } from '../support/api.ts';
import { pageOnServer } from '../support/browser.ts';

const rig = pageOnServer();
const skip = rig.skip;

test('changes made right after a restart reach the open page once, in order, with no reload', { skip }, async () => {
  await rig.page.waitForSelector('#conn[data-state="live"]', { timeout: 5000 });
  // An entry the page has seen: its seq is the stream's Last-Event-ID when it reconnects.
  await api(rig.server.url, '/api/v1/sim/inputs/2', { method: 'POST', body: { level: 1 } });
  await rig.page.waitForSelector('li[data-id="input2"][data-level="1"]', { timeout: 5000 });
  await rig.page.evaluate('window.__sameDocument = true');
  rig.server = await restartInPlace(rig.server, async () => {
    await rig.page.waitForSelector('#conn:not([data-state="live"])', { timeout: 5000 });
  });
  // Straight away, most likely before the page is back: these come to it as a replay.
  await api(rig.server.url, '/api/v1/sim/inputs/1', { method: 'POST', body: { level: 1 } });
  await api(rig.server.url, '/api/v1/outputs/1', { method: 'PUT', body: { active: true } });
  await rig.page.waitForSelector('li[data-id="input1"][data-level="1"]', { timeout: 15_000 });
  await rig.page.waitForSelector('li[data-id="output1"][data-active="true"] [role="switch"][aria-checked="true"]', { timeout: 5000 });
  await rig.page.waitForSelector('#conn[data-state="live"]', { timeout: 5000 });
  assert.equal(await rig.page.evaluate('window.__sameDocument'), true, 'the page was not reloaded');

  // The recent list has each entry once, newest first.
  const seqs = (await rig.page.locator('#recent li').evaluateAll((items: Array<{ dataset: { seq: string } }>) => items.map((li) => Number(li.dataset.seq))));
  assert.deepEqual(seqs, [...new Set(seqs)].sort((a, b) => b - a));
  const { body } = await api(rig.server.url, '/api/v1/events?order=desc&limit=2');
  assert.deepEqual(seqs.slice(0, 2), body.events.map((e: { seq: number }) => e.seq));
  assert.deepEqual(rig.session.problems, []);
});
