// Headless Chromium for the web page's end-to-end tests: Debian's /usr/bin/chromium driven by
// playwright-core, logged in through the server's own HTTP auth (`httpCredentials`).
import { existsSync } from 'node:fs';
import { after, before } from 'node:test';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startServer, type RunningServer } from './server.ts';

export const CHROMIUM = process.env.AUXIO_CHROMIUM ?? '/usr/bin/chromium';

// The test machine has no network: without these Chromium keeps dialling closed connections
// (component updates, sync, QUIC probes) and slows every page down.
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A phone-sized screen (iPhone 13-ish) and a desktop one, in CSS pixels. */
export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1366, height: 900 };

/** Why the browser tests cannot run here, or null when they can. */
export function browserMissing(): string | null {
  return existsSync(CHROMIUM) ? null : `no Chromium at ${CHROMIUM} (set AUXIO_CHROMIUM)`;
}

/** Launches Chromium; playwright gives each launch a fresh temporary profile (user data dir). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true, timeout: 30_000 });
}

/** One logged-in tab and everything it reported that a page should never report. */
export interface PageSession {
  context: BrowserContext;
  page: Page;
  /** Console errors, uncaught exceptions and CSP violations seen so far. */
  problems: string[];
  /** Every answer of 400 or more the page got, as `STATUS METHOD /path` (a refused save is one). */
  httpErrors: string[];
  close(): Promise<void>;
}

export interface OpenOptions {
  username?: string;
  password?: string;
  viewport?: { width: number; height: number };
  /** Path after the server URL, e.g. `/#script`. */
  path?: string;
  colorScheme?: 'light' | 'dark';
}

/**
 * Opens the page as a user (the browser answers the server's Digest challenge) and waits until it
 * has booted (`body[data-ready]`).
 * @example const s = await openPage(browser, server.url, { username: 'root', password: 'pass' });
 */
export async function openPage(browser: Browser, url: string, options: OpenOptions = {}): Promise<PageSession> {
  const context = await browser.newContext({
    httpCredentials: { username: options.username ?? 'root', password: options.password ?? 'pass' },
    viewport: options.viewport ?? DESKTOP,
    colorScheme: options.colorScheme ?? 'light',
    locale: 'en-GB',
  });
  const page = await context.newPage();
  const problems: string[] = [];
  const httpErrors: string[] = [];
  page.on('console', (msg) => {
    // Chromium logs each 4xx/5xx answer as an error; those are in httpErrors, with their path.
    if (msg.type() === 'error' && !msg.text().startsWith('Failed to load resource:')) problems.push(`console: ${msg.text()}`);
  });
  page.on('response', (res) => {
    if (res.status() >= 400) httpErrors.push(`${res.status()} ${res.request().method()} ${new URL(res.url()).pathname}`);
  });
  page.on('pageerror', (err) => problems.push(`exception: ${err.message}`));
  await page.goto(`${url}${options.path ?? '/'}`);
  // The page either boots or says why it could not, in an error banner.
  await page.waitForSelector('body[data-ready="true"], #banners .banner.error', { timeout: 10_000 });
  const failure = await page.locator('#banners .banner.error').first().textContent({ timeout: 50 }).catch(() => null);
  if (failure) throw new Error(`the page did not start: ${failure}`);
  return { context, page, problems, httpErrors, close: () => context.close() };
}

/** A test file's auxio and the Chromium tab logged in to it; `server` may be replaced (a restart). */
export interface PageRig {
  /** Why the file's tests are skipped (no Chromium), or false. */
  readonly skip: string | false;
  server: RunningServer;
  browser: Browser;
  session: PageSession;
  page: Page;
}

/**
 * Starts auxio and Chromium before the file's tests and opens the page as root (after `prepare`,
 * e.g. a script to put first); closes all of it after them.
 * @example const rig = pageOnServer(); test('…', { skip: rig.skip }, async () => rig.page.click('…'));
 */
export function pageOnServer(options: { prepare?: (server: RunningServer) => Promise<void> } = {}): PageRig {
  const rig = { skip: browserMissing() ?? false } as PageRig;
  before(async () => {
    if (rig.skip) return;
    [rig.server, rig.browser] = await Promise.all([startServer(), launchBrowser()]);
    await options.prepare?.(rig.server);
    rig.session = await openPage(rig.browser, rig.server.url);
    rig.page = rig.session.page;
  });
  after(async () => {
    await rig.session?.close();
    await rig.browser?.close();
    await rig.server?.stop();
  });
  return rig;
}

/** When a DOM change was seen: `at` (ms since the epoch) and `ms` after `trigger` was called. */
export interface SeenAt {
  at: number;
  ms: number;
}

/**
 * Runs `trigger` and times, in the page, when `selector` first matches: a MutationObserver takes
 * `Date.now()` on the same machine's clock, so the figure has no polling in it.
 * @example const { ms } = await timeToDom(page, 'li[data-id="input1"][data-level="1"]', () => setInput(1, 1));
 */
export async function timeToDom(page: Page, selector: string, trigger: () => Promise<unknown>, timeoutMs = 2000): Promise<SeenAt> {
  // A string, not a function: the tests are type-checked without the DOM's types.
  await page.evaluate(`(() => {
    const sel = ${JSON.stringify(selector)};
    delete window.__seenAt;
    const check = () => (document.querySelector(sel) ? ((window.__seenAt = Date.now()), true) : false);
    if (check()) return;
    const observer = new MutationObserver(() => { if (check()) observer.disconnect(); });
    observer.observe(document.body, { subtree: true, attributes: true, childList: true, characterData: true });
  })()`);
  const started = Date.now();
  await trigger();
  // A function, not a string: a string predicate is eval'd in the page, which its CSP forbids.
  const handle = await page.waitForFunction(() => (globalThis as { __seenAt?: number }).__seenAt, undefined, { timeout: timeoutMs });
  const at = (await handle.jsonValue()) as number;
  return { at, ms: at - started };
}
