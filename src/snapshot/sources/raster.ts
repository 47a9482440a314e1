/** An opaque colour, each channel 0-255. */
export type Rgb = readonly [r: number, g: number, b: number];

/**
 * A canvas of `width` x `height` pixels that clips every drawing call to its bounds.
 * Pixels are stored RGBA (alpha always 255) because that is the layout JPEG encoders take,
 * so encoding needs no copy.
 */
export class Raster {
  readonly width: number;
  readonly height: number;
  /** Row-major RGBA bytes, 4 per pixel. */
  readonly data: Uint8Array;

  constructor(width: number, height: number) {
    if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
      throw new RangeError(`raster size must be positive integers, got ${width}x${height}`);
    }
    this.width = width;
    this.height = height;
    this.data = new Uint8Array(width * height * 4).fill(255);
  }

  /** Fills the rectangle at (x, y) of size w x h, clipped to the canvas. */
  fillRect(x: number, y: number, w: number, h: number, color: Rgb): void {
    const x0 = Math.max(0, Math.floor(x));
    const y0 = Math.max(0, Math.floor(y));
    const x1 = Math.min(this.width, Math.floor(x + w));
    const y1 = Math.min(this.height, Math.floor(y + h));
    const [r, g, b] = color;
    for (let row = y0; row < y1; row++) {
      let i = (row * this.width + x0) * 4;
      for (let col = x0; col < x1; col++, i += 4) {
        this.data[i] = r;
        this.data[i + 1] = g;
        this.data[i + 2] = b;
      }
    }
  }

  /** Draws a rectangle outline `thickness` pixels wide, inside the given bounds. */
  strokeRect(x: number, y: number, w: number, h: number, thickness: number, color: Rgb): void {
    this.fillRect(x, y, w, thickness, color);
    this.fillRect(x, y + h - thickness, w, thickness, color);
    this.fillRect(x, y, thickness, h, color);
    this.fillRect(x + w - thickness, y, thickness, h, color);
  }

  /** The colour at (x, y); throws outside the canvas so tests notice a wrong coordinate. */
  pixel(x: number, y: number): Rgb {
    if (x < 0 || y < 0 || x >= this.width || y >= this.height) {
      throw new RangeError(`pixel (${x}, ${y}) is outside ${this.width}x${this.height}`);
    }
    const i = (y * this.width + x) * 4;
    return [this.data[i]!, this.data[i + 1]!, this.data[i + 2]!];
  }
}
