// The web page on a phone-sized screen (390 × 844 CSS px): every view fits the width (nothing
// scrolls sideways, long script lines scroll inside the editor), the relay's controls stay large
// enough to tap, and all five views are one tap away.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { startServer, type RunningServer } from '../support/server.ts';
import { api } from '../support/api.ts';
import { browserMissing, launchBrowser, openPage, PHONE, type PageSession } from '../support/browser.ts';

const skip = browserMissing() ?? false;
let server: RunningServer;
let browser: Browser;
let session: PageSession;
let page: Page;

before(async () => {
  if (skip) return;
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  const script = '# a long comment line that is much wider than any phone screen, to scroll inside the editor only\n* * * * * /I1 :\nsnapshot -label "front door";\n%\n';
  await api(server.url, '/api/v1/script', { method: 'PUT', body: { text: script } });
  await api(server.url, '/api/v1/sim/inputs/1', { method: 'POST', body: { pulses: 3, highMs: 20, lowMs: 20 } });
  await api(server.url, '/api/v1/outputs/1', { method: 'PUT', body: { active: true } });
  session = await openPage(browser, server.url, { viewport: PHONE });
  page = session.page;
});

after(async () => {
  await session?.close();
  await browser?.close();
  await server?.stop();
});

/** How far the page reaches past the screen's right edge, in CSS px (0 = fits). */
const overflow = (p: Page) => p.evaluate('document.documentElement.scrollWidth - window.innerWidth') as Promise<number>;

test('each of the five views fits the phone\'s width', { skip }, async () => {
  for (const view of ['live', 'pictures', 'events', 'script', 'settings']) {
    await page.goto(`${server.url}/#${view}`);
    await page.waitForSelector(`#view-${view}:not([hidden])`, { timeout: 5000 });
    await page.waitForTimeout(300); // the view's data arrives
    assert.equal(await overflow(page), 0, `#${view} scrolls sideways`);
  }
});

test('every tab is on screen, and the relay\'s switch and pulse button are big enough to tap', { skip }, async () => {
  await page.goto(`${server.url}/#live`);
  await page.waitForSelector('#view-live:not([hidden]) li.chan', { timeout: 5000 });
  for (const tab of await page.locator('nav.tabs a').all()) {
    const box = (await tab.boundingBox())!;
    assert.ok(box.x >= 0 && box.x + box.width <= PHONE.width, `${await tab.textContent()} is cut off`);
    assert.ok(box.height >= 32, `${await tab.textContent()} is ${box.height}px high`);
  }
  for (const control of [page.getByRole('switch', { name: 'Relay 1' }), page.locator('button.pulse')]) {
    const box = (await control.boundingBox())!;
    assert.ok(box.height >= 32 && box.width >= 44, `a relay control is ${box.width}×${box.height}px`);
  }
  assert.deepEqual(session.problems, []);
  assert.deepEqual(session.httpErrors, []);
});
