// The web page's event log: newest first, 50 at a time, "Show older entries" pages back through the
// journal (`order=desc&before=`) with no gap or repeat, filters by channel and kind, and entries
// that happen while it is open appear on top when they match the filter.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { startServer, type RunningServer } from '../support/server.ts';
import { api } from '../support/api.ts';
import { browserMissing, launchBrowser, openPage, type PageSession } from '../support/browser.ts';

const skip = browserMissing() ?? false;
let server: RunningServer;
let browser: Browser;
let session: PageSession;
let page: Page;
let lastSeq: number;

before(async () => {
  if (skip) return;
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  // 120 input entries on input 2 (60 pulses), and a few relay changes.
  await api(server.url, '/api/v1/sim/inputs/2', { method: 'POST', body: { pulses: 60, highMs: 1, lowMs: 1 } });
  for (const active of [true, false, true]) await api(server.url, '/api/v1/outputs/1', { method: 'PUT', body: { active } });
  lastSeq = (await api(server.url, '/api/v1/status')).body.lastSeq;
  session = await openPage(browser, server.url, { path: '/#events' });
  page = session.page;
});

after(async () => {
  await session?.close();
  await browser?.close();
  await server?.stop();
});

const seqs = async () => (await page.locator('#event-rows tr').evaluateAll((rows: Array<{ dataset: { seq: string } }>) => rows.map((r) => Number(r.dataset.seq))));
const range = (from: number, to: number) => Array.from({ length: from - to + 1 }, (_, i) => from - i);

test('the newest 50 entries come first, and "Show older entries" pages back without gap', { skip }, async () => {
  await page.waitForSelector('#event-rows tr', { timeout: 5000 });
  assert.ok(lastSeq > 100, `journal at ${lastSeq}`);
  assert.deepEqual(await seqs(), range(lastSeq, lastSeq - 49));
  await page.getByRole('button', { name: 'Show older entries' }).click();
  await page.waitForSelector(`#event-rows tr[data-seq="${lastSeq - 99}"]`, { timeout: 5000 });
  assert.deepEqual(await seqs(), range(lastSeq, lastSeq - 99));
  const top = page.locator('#event-rows tr').first();
  assert.equal(await top.locator('.kind').textContent(), 'output');
  assert.equal(await top.locator('.actor').textContent(), 'http:root');
  assert.equal(await top.locator('.details').textContent(), 'on');
});

test('filters by channel and kind show just those entries, as the API lists them', { skip }, async () => {
  await page.getByLabel('Channel', { exact: true }).selectOption('output1');
  await page.getByLabel('Kind', { exact: true }).selectOption('output');
  await page.waitForSelector('#event-rows tr[data-kind="output"]', { timeout: 5000 });
  await page.waitForSelector('#event-rows tr:not([data-kind="output"])', { state: 'detached', timeout: 5000 });
  const { body } = await api(server.url, '/api/v1/events?channel=output1&kind=output&order=desc&limit=50');
  assert.deepEqual(await seqs(), body.events.map((e: { seq: number }) => e.seq));
  assert.deepEqual(await page.locator('#event-rows .details').allTextContents(), ['on', 'off', 'on', 'off']);
  assert.equal(await page.getByRole('button', { name: 'Show older entries' }).isVisible(), false, 'all four fit one page');
});

test('a new entry that matches the filter appears on top at once; one that does not, does not', { skip }, async () => {
  await api(server.url, '/api/v1/sim/inputs/1', { method: 'POST', body: { level: 1 } });
  await api(server.url, '/api/v1/outputs/1', { method: 'PUT', body: { active: false } });
  const newest = (await api(server.url, '/api/v1/status')).body.lastSeq;
  await page.waitForSelector(`#event-rows tr[data-seq="${newest}"]:first-child`, { timeout: 5000 });
  assert.equal(await page.locator('#event-rows tr[data-kind="input"]').count(), 0);
  assert.equal(await page.locator('#event-rows tr').count(), 5);

  await page.getByLabel('Channel', { exact: true }).selectOption('input1');
  await page.getByLabel('Kind', { exact: true }).selectOption('');
  await page.waitForSelector('#event-rows tr[data-kind="input"]', { timeout: 5000 });
  assert.equal(await page.locator('#event-rows tr').count(), 1);
  assert.equal(await page.locator('#event-rows .details').textContent(), 'level 1, 0 pulses in total');
  assert.deepEqual(session.problems, []);
  assert.deepEqual(session.httpErrors, []);
});
