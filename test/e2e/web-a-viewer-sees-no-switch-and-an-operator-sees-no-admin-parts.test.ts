// The web page shows each role only what it may use: a viewer watches (lamps, relay state, pictures,
// events) with no switch, pulse, camera or script controls; an operator gets those but none of the
// admin parts (script editor, users, channels, config). The header says who is logged in.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { startServer, type RunningServer } from '../support/server.ts';
import { api } from '../support/api.ts';
import { browserMissing, launchBrowser, openPage, type PageSession } from '../support/browser.ts';

const skip = browserMissing() ?? false;
let server: RunningServer;
let browser: Browser;
const sessions: PageSession[] = [];

before(async () => {
  if (skip) return;
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  for (const [username, role] of [['vera', 'viewer'], ['otto', 'operator']]) {
    const res = await api(server.url, `/api/v1/users/${username}`, { method: 'PUT', body: { password: `${role}-pw-1`, role } });
    assert.equal(res.status, 201);
  }
});

after(async () => {
  for (const s of sessions) await s.close();
  await browser?.close();
  await server?.stop();
});

async function open(username: string, password: string, path = '/'): Promise<Page> {
  const session = await openPage(browser, server.url, { username, password, path });
  sessions.push(session);
  return session.page;
}

const tabs = (page: Page) => page.locator('nav.tabs a').allTextContents();

test('a viewer sees lamps and the relay\'s state but no switch, pulse, camera or script', { skip }, async () => {
  const page = await open('vera', 'viewer-pw-1');
  assert.equal(await page.locator('#user').textContent(), 'veraviewer');
  assert.equal(await page.locator('#user .role').textContent(), 'viewer');
  assert.equal(await page.locator('li.chan.input').count(), 2);
  assert.equal(await page.locator('li[data-id="output1"] .level').textContent(), 'off');
  assert.equal(await page.getByRole('switch').count(), 0);
  assert.equal(await page.locator('button.pulse').count(), 0);
  assert.equal(await page.getByRole('button', { name: 'Take picture' }).count(), 0);
  assert.deepEqual(await tabs(page), ['Live', 'Pictures', 'Events', 'Settings']);
  await api(server.url, '/api/v1/outputs/1', { method: 'PUT', body: { active: true } });
  await page.waitForSelector('li[data-id="output1"][data-active="true"]', { timeout: 5000 });
  assert.equal(await page.getByRole('switch').count(), 0, 'still no switch once the relay is on');
  await api(server.url, '/api/v1/outputs/1', { method: 'PUT', body: { active: false } });
});

test('a viewer\'s settings offer only their own password; #script falls back to the live view', { skip }, async () => {
  const page = await open('vera', 'viewer-pw-1', '/#settings');
  assert.ok(await page.locator('#password-form').isVisible());
  for (const id of ['#user-form', '#user-rows', '#channel-forms', '#config', '#script-text', '#entries']) {
    assert.equal(await page.locator(id).count(), 0, `${id} is not on a viewer's page`);
  }
  await page.goto(`${server.url}/#script`);
  await page.waitForSelector('#view-live:not([hidden])', { timeout: 5000 });
  assert.equal(await page.locator('#view-script').count(), 0);
});

test('an operator gets switches, pulse, camera and run buttons, and no admin parts', { skip }, async () => {
  const page = await open('otto', 'operator-pw-1');
  assert.equal(await page.locator('#user .role').textContent(), 'operator');
  assert.equal(await page.getByRole('switch', { name: 'Relay 1' }).count(), 1);
  assert.equal(await page.locator('button.pulse').count(), 1);
  assert.equal(await page.getByRole('button', { name: 'Take picture' }).count(), 1);
  assert.deepEqual(await tabs(page), ['Live', 'Pictures', 'Events', 'Script', 'Settings']);
  await page.getByRole('switch', { name: 'Relay 1' }).click();
  await page.waitForSelector('li[data-id="output1"][data-active="true"]', { timeout: 5000 });
  const { body } = await api(server.url, '/api/v1/events?kind=output&order=desc&limit=1');
  assert.equal(body.events[0].actor, 'http:otto');

  await page.getByRole('link', { name: 'Script', exact: true }).click();
  await page.waitForSelector('#entries li', { timeout: 5000 });
  assert.equal(await page.locator('#script-text').count(), 0, 'no editor: the script is the admin\'s');
  assert.equal(await page.getByRole('button', { name: 'Save' }).count(), 0);
  await page.getByRole('link', { name: 'Settings', exact: true }).click();
  for (const id of ['#user-form', '#channel-forms', '#config']) assert.equal(await page.locator(id).count(), 0, id);
  assert.ok(await page.locator('#password-form').isVisible());
});

test('no role\'s page asked the server for anything it may not have', { skip }, async () => {
  for (const s of sessions) {
    assert.deepEqual(s.problems, []);
    assert.deepEqual(s.httpErrors, []);
  }
});
