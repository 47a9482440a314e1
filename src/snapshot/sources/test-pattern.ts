import { GLYPH_ROWS, LINE_ADVANCE } from './bitmap-font.ts';
import type { Raster, Rgb } from './raster.ts';
import { drawText } from './text.ts';

/** Where the text band and each of its lines sit on a picture. */
export interface BandLayout {
  /** First pixel row of the dark band. */
  top: number;
  height: number;
  /** Screen pixels per font pixel. */
  scale: number;
  lines: readonly PlacedLine[];
}

/** One line of text and the top-left pixel it is drawn at. */
export interface PlacedLine {
  text: string;
  x: number;
  y: number;
}

/** What varies from one test-pattern frame to the next. */
export interface PatternContent {
  /** Frame counter; moves the sliding square so consecutive frames differ even within one ms. */
  frame: number;
  /** Text lines for the band, top to bottom. */
  lines: readonly string[];
}

// 75% colour bars, the familiar order, so a broken channel is easy to spot by eye.
const BARS: readonly Rgb[] = [
  [191, 191, 191],
  [191, 191, 0],
  [0, 191, 191],
  [0, 191, 0],
  [191, 0, 191],
  [191, 0, 0],
  [0, 0, 191],
];
const BAND: Rgb = [16, 16, 16];
const WHITE: Rgb = [255, 255, 255];
const BLACK: Rgb = [0, 0, 0];

/**
 * Integer text scale for a picture size: 3 at 640x480, so the 5x7 font stays readable at the
 * sizes cameras are asked for, and never below 1.
 */
export function textScaleFor(width: number, height: number): number {
  return Math.max(1, Math.min(Math.floor(height / 160), Math.floor(width / 200)));
}

/** The band at the bottom of a `width` x `height` picture holding `lines`. */
export function layoutBand(width: number, height: number, lines: readonly string[]): BandLayout {
  const scale = textScaleFor(width, height);
  const pad = 3 * scale;
  const textHeight = lines.length === 0 ? 0 : ((lines.length - 1) * LINE_ADVANCE + GLYPH_ROWS) * scale;
  const bandHeight = Math.min(height, textHeight + 2 * pad);
  const top = height - bandHeight;
  const placed = lines.map((text, i) => ({ text, x: pad, y: top + pad + i * LINE_ADVANCE * scale }));
  return { top, height: bandHeight, scale, lines: placed };
}

/** Draws bars, the sliding square and the text band; returns where the text went. */
export function drawTestPattern(raster: Raster, content: PatternContent): BandLayout {
  const band = layoutBand(raster.width, raster.height, content.lines);
  drawBars(raster, band.top);
  drawSlidingSquare(raster, band.top, content.frame);
  raster.fillRect(0, band.top, raster.width, band.height, BAND);
  for (const line of band.lines) drawText(raster, line.text, line.x, line.y, band.scale, WHITE);
  return band;
}

function drawBars(raster: Raster, bottom: number): void {
  for (let i = 0; i < BARS.length; i++) {
    const left = Math.round((i * raster.width) / BARS.length);
    const right = Math.round(((i + 1) * raster.width) / BARS.length);
    raster.fillRect(left, 0, right - left, bottom, BARS[i]!);
  }
}

// Ping-pongs across the bars so its position alone tells frames apart.
function drawSlidingSquare(raster: Raster, bottom: number, frame: number): void {
  const size = Math.max(4, Math.round(Math.min(raster.width, bottom) / 5));
  const range = Math.max(0, raster.width - size);
  const step = Math.max(1, Math.round(raster.width / 40));
  const phase = range === 0 ? 0 : (frame * step) % (2 * range);
  const x = phase <= range ? phase : 2 * range - phase;
  const y = Math.max(0, Math.round((bottom - size) / 2));
  raster.fillRect(x, y, size, size, BLACK);
  raster.strokeRect(x, y, size, size, Math.max(1, Math.round(size / 16)), WHITE);
}
