// image.cgi ([AX-VID], docs/vapix.md §5): `resolution=WxH&compression=N&camera=1` answers one JPEG
// from the default snapshot source. A size, camera or compression it cannot serve is 400 with the
// imagesize.cgi-style comment, so a client's still fetch fails cleanly.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { decode } from 'jpeg-js';
import { startServer, type RunningServer } from '../support/server.ts';
import { curl } from '../support/curl.ts';
import { addUser, curlBytes, vapixGet } from '../support/vapix.ts';

let server: RunningServer;

before(async () => {
  server = await startServer();
  await addUser(server.url, 'vera', 'viewer-pw-1', 'viewer');
});

after(async () => {
  await server?.stop();
});

async function image(query: string, user = 'root:pass') {
  const res = await curlBytes(`${server.url}/axis-cgi/jpg/image.cgi${query}`, user);
  assert.equal(res.status, 200, res.bytes.toString('latin1').slice(0, 200));
  assert.equal(res.type, 'image/jpeg');
  return { bytes: res.bytes, picture: decode(res.bytes, { useTArray: true }) };
}

test('resolution=320x240&compression=25&camera=1 (Axis\'s own example) decodes to 320x240', async () => {
  const { picture } = await image('?resolution=320x240&compression=25&camera=1');
  assert.deepEqual([picture.width, picture.height], [320, 240]);
});

test('no argument (as Home Assistant asks) gives the configured size', async () => {
  const { picture } = await image('');
  assert.deepEqual([picture.width, picture.height], [640, 480]);
});

test('old size names map to their sizes: CIF is 352x288', async () => {
  const { picture } = await image('?resolution=CIF');
  assert.deepEqual([picture.width, picture.height], [352, 288]);
});

test('higher compression gives a smaller file', async () => {
  const best = await image('?resolution=640x480&compression=0');
  const small = await image('?resolution=640x480&compression=90');
  assert.ok(small.bytes.length < best.bytes.length, `${small.bytes.length} >= ${best.bytes.length}`);
});

test('a viewer may fetch a picture; without a login it is 401', async () => {
  const { picture } = await image('?resolution=160x120', 'vera:viewer-pw-1');
  assert.equal(picture.width, 160);
  const anonymous = await curl([`${server.url}/axis-cgi/jpg/image.cgi`]);
  assert.equal(anonymous.status, 401);
});

const REFUSED: Array<[string, string]> = [
  ['resolution=abc', '<!-- Resolution abc not available. -->'],
  ['resolution=8x8', '<!-- Resolution 8x8 not available. -->'],
  ['resolution=99999x480', '<!-- Resolution 99999x480 not available. -->'],
  ['resolution=640x480&camera=2', '<!-- Camera 2 not available. -->'],
  ['camera=quad', '<!-- Camera quad not available. -->'],
  ['compression=101', '<!-- Compression 101 not available. -->'],
  ['compression=-1', '<!-- Compression -1 not available. -->'],
];

for (const [query, body] of REFUSED) {
  test(`${query} → 400 "${body}"`, async () => {
    const res = await vapixGet(server.url, `/axis-cgi/jpg/image.cgi?${query}`);
    assert.equal(res.status, 400);
    assert.equal(res.headers['content-type'], 'text/plain');
    assert.equal(res.body, body);
  });
}
