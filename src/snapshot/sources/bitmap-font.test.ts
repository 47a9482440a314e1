import assert from 'node:assert/strict';
import { test } from 'node:test';
import { GLYPH_COLUMNS, GLYPH_ROWS, glyphFor, hasInk, UNKNOWN_GLYPH } from './bitmap-font.ts';

const printable = Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i));

test('every printable ASCII character has its own glyph, and only space is blank', () => {
  const seen = new Map<string, string>();
  for (const char of printable) {
    const glyph = glyphFor(char);
    assert.equal(glyph.length, GLYPH_COLUMNS, `width of ${JSON.stringify(char)}`);
    assert.ok(glyph.every((column) => column >> GLYPH_ROWS === 0), `${JSON.stringify(char)} fits in ${GLYPH_ROWS} rows`);
    assert.equal(glyph.some((column) => column !== 0), char !== ' ', `ink of ${JSON.stringify(char)}`);
    const key = glyph.join(',');
    assert.equal(seen.get(key), undefined, `${JSON.stringify(char)} looks like ${JSON.stringify(seen.get(key))}`);
    seen.set(key, char);
  }
  assert.ok(!seen.has(UNKNOWN_GLYPH.join(',')), 'the unknown box is not mistaken for a real character');
});

test('characters outside printable ASCII are drawn as a box', () => {
  for (const char of ['\n', '\t', '\x7f', 'é', '€', '😀', '']) {
    assert.equal(glyphFor(char), UNKNOWN_GLYPH, JSON.stringify(char));
  }
});

test('hasInk reads columns left to right and rows top down', () => {
  const l = glyphFor('L');
  assert.ok(hasInk(l, 0, 0), 'L has its stem at top left');
  assert.ok(hasInk(l, 4, 6), 'L has its foot at bottom right');
  assert.ok(!hasInk(l, 4, 0), 'L is blank at top right');
});
