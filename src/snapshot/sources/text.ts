import { CHAR_ADVANCE, GLYPH_COLUMNS, GLYPH_ROWS, glyphFor, hasInk } from './bitmap-font.ts';
import type { Raster, Rgb } from './raster.ts';

/** Width in pixels of `text` drawn at `scale`, without the trailing blank column. */
export function textWidth(text: string, scale: number): number {
  const count = [...text].length;
  return count === 0 ? 0 : ((count - 1) * CHAR_ADVANCE + GLYPH_COLUMNS) * scale;
}

/**
 * Draws `text` with its top-left corner at (x, y), each font pixel a `scale` x `scale` square.
 * Iterates code points, so one emoji becomes one box, not two. Clipped to the raster.
 */
export function drawText(raster: Raster, text: string, x: number, y: number, scale: number, color: Rgb): void {
  let left = x;
  for (const char of text) {
    if (left >= raster.width) return;
    const glyph = glyphFor(char);
    for (let column = 0; column < GLYPH_COLUMNS; column++) {
      for (let row = 0; row < GLYPH_ROWS; row++) {
        if (hasInk(glyph, column, row)) {
          raster.fillRect(left + column * scale, y + row * scale, scale, scale, color);
        }
      }
    }
    left += CHAR_ADVANCE * scale;
  }
}
