// Reads the text band of a synthetic picture back, glyph by glyph, with the 5x7 font the server
// draws it with: proof that a label, a source name or a time stamp is really on the picture.
import { decode } from 'jpeg-js';
import { CHAR_ADVANCE, GLYPH_COLUMNS, GLYPH_ROWS, glyphFor, hasInk } from '../../src/snapshot/sources/bitmap-font.ts';
import { layoutBand, type BandLayout } from '../../src/snapshot/sources/test-pattern.ts';

/** A decoded picture: RGBA, 4 bytes a pixel. */
export interface Picture {
  width: number;
  height: number;
  data: Uint8Array;
}

/** Decodes a JPEG with jpeg-js (independent of the server's sharp encoder). */
export function decodeJpeg(jpeg: Buffer): Picture {
  return decode(jpeg, { useTArray: true, formatAsRGBA: true });
}

/** Where the band's lines of `lines` sit on a picture of this size. */
export function bandOf(picture: Picture, lines: readonly string[]): BandLayout {
  return layoutBand(picture.width, picture.height, lines);
}

function luminance(p: Picture, x: number, y: number): number {
  const i = (y * p.width + x) * 4;
  return (p.data[i]! + p.data[i + 1]! + p.data[i + 2]!) / 3;
}

/**
 * How well `text` reads at (x, y): per character, the share of its 5x7 font pixels whose centre
 * is bright where the glyph has ink and dark where it has none; returns the worst character.
 * 1 is a perfect reading; a wrong character scores around 0.6.
 */
export function textScore(p: Picture, text: string, x: number, y: number, scale: number): number {
  const half = Math.floor(scale / 2);
  let worst = 1;
  [...text].forEach((char, index) => {
    const glyph = glyphFor(char);
    let hits = 0;
    for (let column = 0; column < GLYPH_COLUMNS; column++) {
      for (let row = 0; row < GLYPH_ROWS; row++) {
        const v = luminance(p, x + (index * CHAR_ADVANCE + column) * scale + half, y + row * scale + half);
        if (hasInk(glyph, column, row) ? v > 160 : v < 96) hits++;
      }
    }
    worst = Math.min(worst, hits / (GLYPH_COLUMNS * GLYPH_ROWS));
  });
  return worst;
}

/** The score of `text` as line `index` of a band that holds `lines`. */
export function lineScore(p: Picture, lines: readonly string[], index: number, text: string): number {
  const band = bandOf(p, lines);
  const line = band.lines[index];
  if (!line) throw new Error(`the band has no line ${index}`);
  return textScore(p, text, line.x, line.y, band.scale);
}
