import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { decode } from 'jpeg-js';
import { describeSourceContract } from '../source.contract.ts';
import { CHAR_ADVANCE, GLYPH_COLUMNS, GLYPH_ROWS, glyphFor, hasInk } from './bitmap-font.ts';
import { resolveRequest, SyntheticSource } from './synthetic.ts';
import { layoutBand } from './test-pattern.ts';

describeSourceContract('synthetic', () => new SyntheticSource({ name: 'contract cam' }));

interface Decoded {
  width: number;
  height: number;
  data: Uint8Array;
}

const AT = new Date(2024, 4, 17, 9, 8, 7, 65).getTime();
const STAMP = '2024-05-17 09:08:07.065';
const LABEL = 'entry 1: /I1';

/**
 * How well `text` reads at (x, y): for each character, the share of its 5x7 font pixels whose
 * centre is white where the glyph has ink and dark where it has none; returns the worst character.
 */
function readScore(image: Decoded, text: string, x: number, y: number, scale: number): number {
  const half = Math.floor(scale / 2);
  let worst = 1;
  [...text].forEach((char, index) => {
    const glyph = glyphFor(char);
    let hits = 0;
    for (let column = 0; column < GLYPH_COLUMNS; column++) {
      for (let row = 0; row < GLYPH_ROWS; row++) {
        const px = x + (index * CHAR_ADVANCE + column) * scale + half;
        const i = ((y + row * scale + half) * image.width + px) * 4;
        const rgb = [image.data[i]!, image.data[i + 1]!, image.data[i + 2]!];
        const ok = hasInk(glyph, column, row) ? rgb.every((v) => v > 200) : rgb.every((v) => v < 80);
        if (ok) hits++;
      }
    }
    worst = Math.min(worst, hits / (GLYPH_COLUMNS * GLYPH_ROWS));
  });
  return worst;
}

async function captureAt(request: Parameters<SyntheticSource['capture']>[0], name = 'gate cam'): Promise<Decoded> {
  const source = new SyntheticSource({ name, clock: () => AT });
  return decode((await source.capture(request)).jpeg, { useTArray: true });
}

describe('synthetic source: size and quality', () => {
  test('defaults to 640x480', async () => {
    const shot = await new SyntheticSource().capture();
    const image = decode(shot.jpeg);
    assert.deepEqual([image.width, image.height, shot.width, shot.height], [640, 480, 640, 480]);
  });

  test('draws odd sizes as asked and clamps absurd ones to 16..3840 x 16..2160', async () => {
    const source = new SyntheticSource();
    for (const [asked, expected] of [
      [{ width: 321, height: 123 }, [321, 123]],
      [{ width: 5, height: 99999 }, [16, 2160]],
      [{ width: 100000, height: -4 }, [3840, 16]],
    ] as const) {
      const shot = await source.capture(asked);
      const image = decode(shot.jpeg);
      assert.deepEqual([image.width, image.height, shot.width, shot.height], [...expected, ...expected], JSON.stringify(asked));
    }
  });

  test('fills in defaults for missing or non-numeric fields and keeps quality within 1..100', () => {
    assert.deepEqual(resolveRequest({ width: Number.NaN, quality: 0 }), { width: 640, height: 480, quality: 1 });
    assert.deepEqual(resolveRequest({ height: 240.4, quality: 150 }), { width: 640, height: 240, quality: 100 });
  });

  test('a higher quality gives a bigger file', async () => {
    const source = new SyntheticSource({ clock: () => AT });
    const low = await source.capture({ quality: 20 });
    const high = await source.capture({ quality: 95 });
    assert.ok(high.jpeg.length > low.jpeg.length * 1.3, `${high.jpeg.length} vs ${low.jpeg.length}`);
  });
});

describe('synthetic source: content', () => {
  test('consecutive captures differ even when the clock stands still', async () => {
    const source = new SyntheticSource({ clock: () => AT });
    const first = await source.capture();
    const second = await source.capture();
    assert.equal(first.capturedAt, second.capturedAt);
    assert.notDeepEqual(first.jpeg, second.jpeg);
  });

  test('stamps local time, source name and label in white on the dark band', async () => {
    const image = await captureAt({ label: LABEL });
    const band = layoutBand(640, 480, [STAMP, 'gate cam', LABEL]);
    assert.equal(band.scale, 3, 'legible scale at 640x480');
    for (const line of band.lines) {
      assert.ok(readScore(image, line.text, line.x, line.y, band.scale) >= 0.97, `reads ${JSON.stringify(line.text)}`);
    }
  });

  test('the reading would notice a wrong time or label', async () => {
    const image = await captureAt({ label: LABEL });
    const [time, , label] = layoutBand(640, 480, [STAMP, 'gate cam', LABEL]).lines;
    assert.ok(readScore(image, '2024-05-17 09:08:07.068', time!.x, time!.y, 3) < 0.9, 'one digit off');
    assert.ok(readScore(image, 'entry 2: /I1', label!.x, label!.y, 3) < 0.9, 'another entry');
  });

  test('without a label there is no label line', async () => {
    const image = await captureAt({});
    const [time, name] = layoutBand(640, 480, [STAMP, 'gate cam']).lines;
    assert.ok(readScore(image, STAMP, time!.x, time!.y, 3) >= 0.97, 'time still drawn');
    assert.ok(readScore(image, 'gate cam', name!.x, name!.y, 3) >= 0.97, 'name is the last line');
    for (const line of [...layoutBand(640, 480, [STAMP, 'gate cam', LABEL]).lines, time!, name!]) {
      assert.ok(readScore(image, LABEL, line.x, line.y, 3) < 0.9, `no label at y=${line.y}`);
    }
  });

  test('draws characters the font lacks as boxes instead of dropping them', async () => {
    const image = await captureAt({ label: 'A\u00e9B' });
    const label = layoutBand(640, 480, [STAMP, 'gate cam', 'A\u00e9B']).lines[2]!;
    assert.ok(readScore(image, 'A\u00e9B', label.x, label.y, 3) >= 0.97, 'box between A and B');
    assert.ok(readScore(image, 'A B', label.x, label.y, 3) < 0.9, 'not a blank');
  });
});
