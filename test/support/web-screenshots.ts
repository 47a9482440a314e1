// Takes the README's screenshots of the web page (docs/screenshots/*.png): a real auxio with the
// simulator, named channels, a script that takes pictures, some activity; then each view at desktop
// and phone size. Run: node --import tsx test/support/web-screenshots.ts
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Browser, Page } from 'playwright-core';
import { startServer, type RunningServer } from './server.ts';
import { api } from './api.ts';
import { DESKTOP, launchBrowser, openPage, PHONE, type OpenOptions } from './browser.ts';

const OUT = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));

const CONFIG = {
  io: {
    inputs: [{ name: 'Front door' }, { name: 'Gate contact', invert: true }, { name: 'PIR hallway' }],
    outputs: [{ name: 'Gate', pulse_ms: 1500 }, { name: 'Porch light', pulse_ms: 10_000 }],
  },
};

const SCRIPT = `# front door opens: a picture, the porch light on for 10 s
* * * * * /I1 :
snapshot -relay on -label "front door";
sleep 10;
relay -off;
%
# a picture every hour on the hour, 8 to 18, Monday to Friday
0 8-18 * * 1-5 :
snapshot -label hourly;
%
# motion in the hallway at night
* 22-23,0-6 * * * /I3 :
snapshot -label "hallway motion";
log "motion at night";
%
`;

const BAD_SCRIPT = SCRIPT.replace('sleep 10;', 'sleep ten;').replace('relay -off;', 'relay -of;');

async function post(server: RunningServer, path: string, body: unknown): Promise<void> {
  const res = await api(server.url, path, { method: 'POST', body });
  if (res.status >= 300) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
}

/** Some history: pictures from the script and by hand, pulses, a relay change, a refused login. */
async function activity(server: RunningServer): Promise<void> {
  await api(server.url, '/api/v1/script', { method: 'PUT', body: { text: SCRIPT } });
  await post(server, '/api/v1/snapshots', { label: 'test shot' });
  for (let i = 0; i < 3; i++) {
    await post(server, '/api/v1/sim/inputs/1', { level: 1 });
    await sleep(150);
    await post(server, '/api/v1/sim/inputs/1', { level: 0 });
  }
  await post(server, '/api/v1/sim/inputs/3', { pulses: 4, highMs: 30, lowMs: 30 });
  await post(server, '/api/v1/sim/inputs/2', { pulses: 2, highMs: 20, lowMs: 20 });
  await api(server.url, '/api/v1/status', { user: 'mallory', password: 'guess' });
  await api(server.url, '/api/v1/users/otto', { method: 'PUT', body: { password: 'otto-pw-1', role: 'operator' } });
  await api(server.url, '/api/v1/users/vera', { method: 'PUT', body: { password: 'vera-pw-1', role: 'viewer' } });
  await post(server, '/api/v1/sim/inputs/1', { level: 1 });
  await sleep(300);
  await api(server.url, '/api/v1/outputs/1', { method: 'PUT', body: { pulseMs: 60_000 } });
}

async function shoot(page: Page, name: string, fullPage = false): Promise<void> {
  await sleep(250); // transitions end
  await page.screenshot({ path: `${OUT}${name}.png`, fullPage });
  process.stdout.write(`${OUT}${name}.png\n`);
}

async function view(browser: Browser, server: RunningServer, options: OpenOptions): Promise<Page> {
  const session = await openPage(browser, server.url, options);
  if (session.problems.length) throw new Error(session.problems.join('\n'));
  return session.page;
}

async function goTo(page: Page, server: RunningServer, name: string): Promise<void> {
  await page.goto(`${server.url}/#${name}`);
  await page.waitForSelector('body[data-ready="true"]');
  await page.waitForSelector(`#view-${name}:not([hidden])`);
  await sleep(400);
}

async function scriptWithErrors(page: Page): Promise<void> {
  const editor = page.getByRole('textbox', { name: 'CRON script' });
  await editor.fill(BAD_SCRIPT);
  await page.waitForSelector('#gutter span.err');
  await page.getByRole('button', { name: 'Save' }).click();
  await page.waitForSelector('#script-refusal:not([hidden])');
  await editor.evaluate((el: { blur(): void; scrollTop: number; dispatchEvent(e: unknown): void }) => {
    el.blur();
    el.scrollTop = 0;
  });
  await sleep(100);
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const [server, browser] = await Promise.all([startServer({ config: CONFIG }), launchBrowser()]);
  try {
    await activity(server);
    const desk = await view(browser, server, { viewport: DESKTOP });
    await shoot(desk, 'live-desktop');
    for (const name of ['pictures', 'events']) {
      await goTo(desk, server, name);
      await shoot(desk, `${name}-desktop`);
    }
    await goTo(desk, server, 'script');
    await scriptWithErrors(desk);
    await shoot(desk, 'script-desktop');
    await goTo(desk, server, 'settings');
    await shoot(desk, 'settings-desktop', true);

    const dark = await view(browser, server, { viewport: DESKTOP, colorScheme: 'dark' });
    await shoot(dark, 'live-desktop-dark');

    const viewer = await view(browser, server, { viewport: DESKTOP, username: 'vera', password: 'vera-pw-1' });
    await shoot(viewer, 'live-desktop-viewer');

    const phone = await view(browser, server, { viewport: PHONE });
    await shoot(phone, 'live-phone', true);
    for (const name of ['pictures', 'events']) {
      await goTo(phone, server, name);
      await shoot(phone, `${name}-phone`);
    }
    await goTo(phone, server, 'script');
    await scriptWithErrors(phone);
    await shoot(phone, 'script-phone');
  } finally {
    await browser.close();
    await server.stop();
  }
}

await main();
