// Pictures on the web page: a script entry takes one on an input edge and the page shows it as the
// latest picture (from the `snapshot` journal entry) and in the gallery under today, with its
// trigger; an operator's "Take picture" button adds one more.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api } from '../support/api.ts';
import { pageOnServer } from '../support/browser.ts';

const rig = pageOnServer({
  prepare: async (server) => {
    const put = await api(server.url, '/api/v1/script', { method: 'PUT', body: { text: '* * * * * /I1 :\nsnapshot;\n%\n' } });
    assert.equal(put.status, 200, JSON.stringify(put.body));
  },
});
const skip = rig.skip;

async function snapshots(): Promise<Array<{ id: number; trigger: string; url: string }>> {
  return (await api(rig.server.url, '/api/v1/snapshots')).body.snapshots;
}

test('a picture the script takes on /I1 becomes the latest picture, with its trigger', { skip }, async () => {
  assert.ok(await rig.page.locator('#latest-empty').isVisible(), 'an empty store says so');
  assert.equal(await rig.page.locator('#latest').isVisible(), false);
  await api(rig.server.url, '/api/v1/sim/inputs/1', { method: 'POST', body: { level: 1 } });
  await rig.page.waitForSelector('#latest[data-id="1"]', { state: 'visible', timeout: 5000 });
  const [stored] = await snapshots();
  assert.equal(stored!.id, 1);
  assert.equal(stored!.trigger, 'entry 1: /I1');
  assert.equal(await rig.page.locator('#latest').getAttribute('src'), stored!.url);
  assert.match((await rig.page.locator('#latest-caption').textContent()) ?? '', /#1 .*entry 1: \/I1 · synthetic · 640×480/);
  const width = await rig.page.locator('#latest').evaluate((img: { naturalWidth: number }) => img.naturalWidth);
  assert.equal(width, 640, 'the JPEG loaded');
});

test('the gallery lists it under today with its time and trigger', { skip }, async () => {
  await rig.page.getByRole('link', { name: 'Pictures', exact: true }).click();
  const day = rig.page.locator('#gallery section.day').first();
  await day.waitFor({ timeout: 5000 });
  assert.equal(await day.locator('h2').evaluate((h2: { firstChild: { textContent: string } }) => h2.firstChild.textContent), 'Today');
  const thumb = day.locator('li.thumb[data-id="1"]');
  assert.equal(await thumb.locator('.trigger').textContent(), 'entry 1: /I1');
  assert.match((await thumb.locator('time').textContent()) ?? '', /^\d\d:\d\d:\d\d$/);
  await thumb.locator('a').click();
  await rig.page.waitForSelector('#picture-dialog[open] #picture-dialog-img[src="/api/v1/snapshots/1.jpg"]', { timeout: 5000 });
  await rig.page.keyboard.press('Escape');
});

test('"Take picture" stores one more, shown at once as the latest and first in the gallery', { skip }, async () => {
  await rig.page.getByRole('link', { name: 'Live', exact: true }).click();
  await rig.page.getByRole('button', { name: 'Take picture' }).click();
  await rig.page.waitForSelector('#latest[data-id="2"]', { timeout: 5000 });
  const all = await snapshots();
  assert.deepEqual(all.map((s) => [s.id, s.trigger]), [[1, 'entry 1: /I1'], [2, 'http:root']]);
  assert.deepEqual(await rig.page.locator('#gallery li.thumb').evaluateAll((items: Array<{ dataset: { id: string } }>) => items.map((li) => li.dataset.id)), ['2', '1']);
  assert.deepEqual(rig.session.problems, []);
  assert.deepEqual(rig.session.httpErrors, []);
});
