// The web page's relay controls in headless Chromium: the switch drives the real relay (the API and
// the journal agree, with the page's user as the actor), a change made elsewhere shows on the page,
// and the pulse button uses the output's pulse length, which follows a settings change live.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api } from '../support/api.ts';
import { pageOnServer, timeToDom } from '../support/browser.ts';

const rig = pageOnServer();
const skip = rig.skip;

async function relay1(): Promise<{ active: boolean; pulseUntil: string | null }> {
  const { body } = await api(rig.server.url, '/api/v1/io');
  return body.channels.find((c: { id: string }) => c.id === 'output1');
}

test('clicking the switch turns the relay on and off; GET /api/v1/io and the journal agree', { skip }, async () => {
  const toggle = rig.page.getByRole('switch', { name: 'Relay 1' });
  assert.equal(await toggle.getAttribute('aria-checked'), 'false');
  const { body: status } = await api(rig.server.url, '/api/v1/status');

  await toggle.click();
  await rig.page.waitForSelector('li[data-id="output1"][data-active="true"] [role="switch"][aria-checked="true"]', { timeout: 5000 });
  assert.equal((await relay1()).active, true);
  assert.equal(await rig.page.locator('li[data-id="output1"] .level').textContent(), 'on');

  await toggle.click();
  await rig.page.waitForSelector('li[data-id="output1"][data-active="false"] [role="switch"][aria-checked="false"]', { timeout: 5000 });
  assert.equal((await relay1()).active, false);

  const { body } = await api(rig.server.url, `/api/v1/events?since=${status.lastSeq}&channel=output1`);
  assert.deepEqual(
    body.events.map((e: { actor: string; data: { active: boolean } }) => [e.actor, e.data.active]),
    [['http:root', true], ['http:root', false]],
  );
  assert.deepEqual(rig.session.problems, []);
  assert.deepEqual(rig.session.httpErrors, []);
});

test('a relay switched through the API shows on the page within a second', { skip }, async (t) => {
  const { ms: on } = await timeToDom(rig.page, 'li[data-id="output1"][data-active="true"]', () =>
    api(rig.server.url, '/api/v1/outputs/1', { method: 'PUT', body: { active: true } }));
  const { ms: off } = await timeToDom(rig.page, 'li[data-id="output1"][data-active="false"]', () =>
    api(rig.server.url, '/api/v1/outputs/1', { method: 'PUT', body: { active: false } }));
  t.diagnostic(`relay on shown after ${on} ms, off after ${off} ms (the API request included)`);
  assert.ok(on < 1000 && off < 1000);
});

test('the pulse button pulses for the output\'s pulseMs, which follows a settings change at once', { skip }, async () => {
  const pulse = rig.page.getByRole('button', { name: /^Pulse Relay 1/ });
  assert.equal(await pulse.textContent(), 'Pulse 1 s');
  const patched = await api(rig.server.url, '/api/v1/channels/output1', { method: 'PATCH', body: { pulseMs: 400 } });
  assert.equal(patched.status, 200);
  await rig.page.waitForSelector('li[data-id="output1"] .pulse:text-is("Pulse 400 ms")', { timeout: 5000 });

  const { body: status } = await api(rig.server.url, '/api/v1/status');
  await pulse.click();
  await rig.page.waitForSelector('li[data-id="output1"][data-active="true"]', { timeout: 5000 });
  assert.equal((await relay1()).active, true);
  const { body } = await api(rig.server.url, `/api/v1/events?since=${status.lastSeq}&channel=output1&kind=output`);
  const [started] = body.events;
  assert.equal(started.actor, 'http:root');
  assert.equal(started.data.pulseUntil - Date.parse(started.time), 400);
  assert.match((await rig.page.locator('li[data-id="output1"] .until').textContent()) ?? '', /^until \d\d:\d\d:\d\d$/);
  await rig.page.waitForSelector('li[data-id="output1"][data-active="false"]', { timeout: 5000 });
  assert.equal((await relay1()).active, false);
  assert.deepEqual(rig.session.problems, []);
  assert.deepEqual(rig.session.httpErrors, []);
});
