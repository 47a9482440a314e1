// The admin parts of the web page: the factory-password banner until root's password is changed on
// the page (which then keeps working with the new one), users and roles (add, change role, delete,
// as the API then lists them), channel settings that the live panel follows at once, and the
// running config, read-only and without secrets.
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
let rootPassword = 'pass';

before(async () => {
  if (skip) return;
  [server, browser] = await Promise.all([
    startServer({ config: { uploads: { targets: [{ name: 'nas', kind: 'ftp', host: '192.0.2.20', user: 'cam', password: 'ftp-secret' }] } } }),
    launchBrowser(),
  ]);
  session = await openPage(browser, server.url, { path: '/#settings' });
  page = session.page;
  page.on('dialog', (d) => void d.accept());
});

after(async () => {
  await session?.close();
  await browser?.close();
  await server?.stop();
});

const root = (path: string, options: Parameters<typeof api>[2] = {}) => api(server.url, path, { password: rootPassword, ...options });
const userRow = (name: string) => page.locator(`#user-rows tr[data-user="${name}"]`);
// Setting a password costs the server an scrypt hash: slow on a busy test machine.
const SCRYPT_WAIT = { timeout: 10_000 };

test('a new user is added with a role, changed to another and deleted, as the API then says', { skip }, async () => {
  await page.waitForSelector('#user-rows tr[data-user="root"]', { timeout: 5000 });
  const form = page.locator('#user-form');
  await form.getByLabel('Name').fill('otto');
  await form.getByLabel('Password').fill('otto-pw-1');
  await form.getByLabel('Role', { exact: true }).selectOption('operator');
  await form.getByRole('button', { name: 'Add user' }).click();
  await userRow('otto').waitFor(SCRYPT_WAIT);
  assert.equal(await userRow('otto').getByRole('combobox').inputValue(), 'operator');
  const users = async () => (await root('/api/v1/users')).body.users.map((u: { username: string; role: string }) => `${u.username}:${u.role}`).sort();
  assert.deepEqual(await users(), ['otto:operator', 'root:admin']);
  assert.equal((await api(server.url, '/api/v1/status', { user: 'otto', password: 'otto-pw-1' })).status, 200, 'otto can log in');

  await page.getByRole('combobox', { name: 'Role of otto' }).selectOption('viewer');
  await page.waitForSelector('.toast:text-is("otto is now viewer.")', { timeout: 5000 });
  assert.deepEqual(await users(), ['otto:viewer', 'root:admin']);

  await page.getByRole('button', { name: 'Delete otto' }).click();
  await userRow('otto').waitFor({ state: 'detached', timeout: 5000 });
  assert.deepEqual(await users(), ['root:admin']);
});

test('demoting the last admin is refused and the role shown goes back', { skip }, async () => {
  await page.getByRole('combobox', { name: 'Role of root' }).selectOption('viewer');
  await page.waitForSelector('.toast.error', { timeout: 5000 });
  assert.match((await page.locator('.toast.error').last().textContent()) ?? '', /the last admin cannot lose the admin role/);
  assert.equal(await page.getByRole('combobox', { name: 'Role of root' }).inputValue(), 'admin');
});

test('renaming and inverting a channel shows on the live panel at once and is kept by the server', { skip }, async () => {
  const form = page.locator('#channel-forms form[data-id="input1"]');
  await form.getByLabel('Name').fill('Door');
  await form.getByLabel('Inverted').check();
  await form.getByRole('button', { name: 'Save' }).click();
  await page.waitForSelector('#name-input1:text-is("Door")', { state: 'attached', timeout: 5000 });
  const { body } = await root('/api/v1/io');
  const input1 = body.channels.find((c: { id: string }) => c.id === 'input1');
  assert.deepEqual([input1.name, input1.invert], ['Door', true]);
  assert.equal(await page.locator('#filter-channel option[value="input1"]').textContent(), 'input1 — Door');
});

test('the config is shown read-only, with the FTP password as ***', { skip }, async () => {
  const text = (await page.locator('#config').textContent()) ?? '';
  const config = JSON.parse(text);
  assert.equal(config.io.backends.sim.kind, 'sim');
  assert.equal(config.uploads.targets[0].password, '***');
  assert.doesNotMatch(text, /ftp-secret/);
  assert.equal(await page.locator('#config input, #config textarea, #config button').count(), 0);
});

test('the factory-password banner goes once root changes the password on the page, and the page goes on working', { skip }, async () => {
  const banner = page.locator('#banners .banner.warn');
  assert.match((await banner.textContent()) ?? '', /factory login root\/pass is still in use/);
  const form = page.locator('#password-form');
  await form.getByLabel('New password').fill('a-long-secret');
  await form.getByLabel('Repeat it').fill('a-long-secret');
  await form.getByRole('button', { name: 'Change password' }).click();
  await banner.waitFor({ state: 'detached', ...SCRYPT_WAIT });
  rootPassword = 'a-long-secret';
  assert.equal((await api(server.url, '/api/v1/status', { password: 'pass' })).status, 401);
  assert.equal((await root('/api/v1/status')).body.factoryPassword, false);

  // The browser now logs in with the new password: the switch still works, with no prompt.
  await page.getByRole('link', { name: 'Live', exact: true }).click();
  await page.getByRole('switch', { name: 'Relay 1' }).click();
  await page.waitForSelector('li[data-id="output1"][data-active="true"]', { timeout: 5000 });
  assert.equal((await root('/api/v1/outputs/1')).body.active, true);
  assert.deepEqual(session.problems, []);
  assert.deepEqual(session.httpErrors, ['409 PUT /api/v1/users/root'], 'only the refused demotion');
});
