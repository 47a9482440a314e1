// The script editor on the web page: the server checks the text as it is typed (debounced), each
// error is marked at its line (gutter, underline, message) and listed; "Save" of a bad script is
// refused by the server and the page says so while the old script keeps running; a good script
// saves, and its entries get run buttons.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { startServer, type RunningServer } from '../support/server.ts';
import { api } from '../support/api.ts';
import { browserMissing, launchBrowser, openPage, type PageSession } from '../support/browser.ts';

const skip = browserMissing() ?? false;
const RUNNING = '* * * * * /I1 :\nsnapshot;\n%\n';
const BAD = '# the door\n* * * * * /I1 :\nsnapshoot;\n%\n';
const GOOD = '# the door, with the lamp\n* * * * * /I1 :\nsnapshot -relay on;\n%\n0 8 * * 1-5 :\nlog morning;\n%\n';
let server: RunningServer;
let browser: Browser;
let session: PageSession;
let page: Page;

before(async () => {
  if (skip) return;
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  assert.equal((await api(server.url, '/api/v1/script', { method: 'PUT', body: { text: RUNNING } })).status, 200);
  session = await openPage(browser, server.url, { path: '/#script' });
  page = session.page;
});

after(async () => {
  await session?.close();
  await browser?.close();
  await server?.stop();
});

const runningScript = async () => (await api(server.url, '/api/v1/script')).body as string;
const editor = () => page.getByRole('textbox', { name: 'CRON script' });

test('the editor opens with the running script, numbered, and the server finds it clean', { skip }, async () => {
  await page.waitForSelector('#script-state[data-state="ok"]', { timeout: 5000 });
  assert.equal(await editor().inputValue(), RUNNING);
  assert.deepEqual(await page.locator('#gutter span').allTextContents(), ['1', '2', '3', '4']);
  assert.equal(await page.locator('#script-state').textContent(), '✓ 1 entry');
});

test('a typed error is checked as you type and shown at its line, column and with its message', { skip }, async () => {
  const checks: string[] = [];
  page.on('request', (r) => {
    if (r.url().endsWith('/api/v1/script/check')) checks.push(r.postData() ?? '');
  });
  await editor().fill('');
  await editor().pressSequentially(BAD, { delay: 10 });
  // Half-typed texts have errors of their own; wait for the answer about the whole text.
  await page.waitForSelector('#script-errors li:has-text("Line 3, column 1")', { timeout: 5000 });
  assert.deepEqual(await page.locator('#gutter span.err').allTextContents(), ['3']);
  const marked = page.locator('#backdrop .line').nth(2);
  assert.equal(await marked.getAttribute('class'), 'line err');
  assert.equal(await marked.locator('.mark').textContent(), 'snapshoot');
  assert.match((await marked.locator('.msg').textContent()) ?? '', /unknown command "snapshoot" \(did you mean "snapshot"\?\)/);
  assert.deepEqual(await page.locator('#script-errors li').allTextContents(), [
    'Line 3, column 1: unknown command "snapshoot" (did you mean "snapshot"?)',
  ]);
  assert.equal(await page.locator('#script-state').textContent(), '1 problem');
  assert.ok(checks.length >= 1 && checks.length < BAD.length / 4, `${checks.length} checks for ${BAD.length} keys: debounced`);
  assert.equal(checks.at(-1), BAD, 'the last check was of the whole typed text');
});

test('saving the bad script is refused by the server, the page says so, and the old script runs on', { skip }, async () => {
  const answer = page.waitForResponse((r) => r.url().endsWith('/api/v1/script') && r.request().method() === 'PUT');
  await page.getByRole('button', { name: 'Save' }).click();
  assert.equal((await answer).status(), 400);
  const refusal = page.locator('#script-refusal');
  await refusal.waitFor({ state: 'visible', timeout: 5000 });
  assert.equal(await refusal.getAttribute('role'), 'alert');
  assert.match((await refusal.textContent()) ?? '', /^Not saved\. The server refused the script: line 3, column 1: unknown command "snapshoot"/);
  assert.equal(await runningScript(), RUNNING);
  assert.equal(await page.locator('#entries li').count(), 1, 'the run list still shows the running script');
});

test('a good script saves, replaces the running one and gets a run button per entry', { skip }, async () => {
  await editor().fill(GOOD);
  await page.waitForSelector('#script-state[data-state="ok"]', { timeout: 5000 });
  assert.equal(await page.locator('#gutter span.err').count(), 0);
  assert.equal(await page.locator('#script-refusal').isVisible(), false);
  await page.getByRole('button', { name: 'Save' }).click();
  await page.waitForSelector('#script-state:text-is("✓ saved, 2 entries running")', { timeout: 5000 });
  assert.equal(await runningScript(), GOOD);
  assert.deepEqual(await page.locator('#entries .entry-text code').allTextContents(), ['* * * * * /I1 :', '0 8 * * 1-5 :']);

  const { body: status } = await api(server.url, '/api/v1/status');
  await page.getByRole('button', { name: 'Run entry 2' }).click();
  let runs: Array<{ data: { entry: number; trigger: string; outcome: string } }> = [];
  for (let i = 0; i < 50 && !runs.some((r) => r.data.outcome === 'finished'); i++) {
    await new Promise((r) => setTimeout(r, 20));
    runs = (await api(server.url, `/api/v1/events?since=${status.lastSeq}&kind=script_run`)).body.events;
  }
  assert.deepEqual(runs.map((r) => [r.data.entry, r.data.outcome]), [[2, 'started'], [2, 'finished']]);
  assert.match(runs[0]!.data.trigger, /by hand \(http:root\)/);
  assert.deepEqual(session.problems, []);
  assert.deepEqual(session.httpErrors, ['400 PUT /api/v1/script'], 'the refused save is the only error answer');
});
