/**
 * Splits a byte stream of concatenated JPEGs (ffmpeg's `-f image2pipe -c:v mjpeg`) into frames.
 * The header segments are walked by their lengths, so an FF D9 inside an APP segment (an EXIF
 * thumbnail) cannot end a frame early; in entropy-coded data every FF byte is stuffed with 00
 * or is a restart marker (ITU T.81 B.1.1.5), so the first FF D9 there is the real end of image.
 * Bytes outside a frame, and frames over `maxFrameBytes`, are dropped and counted.
 */

/** Options for a splitter. */
export interface MjpegSplitterOptions {
  /** A frame that grows beyond this is dropped, bounding memory. */
  maxFrameBytes: number;
  /** Called with each complete frame (a copy, safe to keep). */
  onFrame: (jpeg: Buffer) => void;
}

type Mode = 'seek' | 'segments' | 'entropy';

const INITIAL_CAPACITY = 64 * 1024;
const SHRINK_ABOVE = 4 * 1024 * 1024;

/**
 * An incremental JPEG frame splitter.
 * @example
 * const splitter = new MjpegSplitter({ maxFrameBytes: 20e6, onFrame: (jpeg) => latest = jpeg });
 * ffmpeg.stdout.on('data', (chunk) => splitter.push(chunk));
 */
export class MjpegSplitter {
  readonly #max: number;
  readonly #onFrame: (jpeg: Buffer) => void;
  #buf = Buffer.alloc(INITIAL_CAPACITY);
  #len = 0;
  /** Where parsing resumes in `#buf`; bytes before it belong to the current frame. */
  #pos = 0;
  #mode: Mode = 'seek';
  /** Bytes thrown away: garbage between frames and oversized frames. */
  droppedBytes = 0;

  constructor(options: MjpegSplitterOptions) {
    this.#max = options.maxFrameBytes;
    this.#onFrame = options.onFrame;
  }

  /** Feeds the next chunk of the stream; calls `onFrame` for every frame it completes. */
  push(chunk: Uint8Array): void {
    let offset = 0;
    while (offset < chunk.length) {
      // Appending at most what fits under the cap keeps a garbage flood from growing the buffer.
      const take = Math.min(chunk.length - offset, this.#max + 2 - this.#len);
      this.#append(chunk.subarray(offset, offset + take));
      offset += take;
      this.#parse();
      if (this.#len > this.#max) this.#drop(this.#len);
    }
  }

  /** Forgets a partial frame, e.g. when the producer restarts. */
  reset(): void {
    this.#drop(this.#len);
  }

  #parse(): void {
    for (;;) {
      const progressed = this.#mode === 'seek' ? this.#seek() : this.#mode === 'segments' ? this.#segment() : this.#entropy();
      if (!progressed) return;
    }
  }

  /** Finds SOI (FF D8), dropping what comes before it. */
  #seek(): boolean {
    const at = this.#buf.subarray(0, this.#len).indexOf(SOI);
    if (at < 0) {
      // Keep a trailing FF: it may be the first half of a marker split across chunks.
      this.#drop(this.#buf[this.#len - 1] === 0xff ? this.#len - 1 : this.#len);
      return false;
    }
    this.#drop(at);
    this.#pos = 2;
    this.#mode = 'segments';
    return true;
  }

  /** Steps over one header segment by its length; SOS switches to entropy-coded data. */
  #segment(): boolean {
    const buf = this.#buf;
    let p = this.#pos;
    while (p + 1 < this.#len && buf[p] === 0xff && buf[p + 1] === 0xff) p++; // fill bytes
    if (p + 2 > this.#len) return false;
    const marker = buf[p + 1]!;
    if (buf[p] !== 0xff || marker === 0xd8 || marker === 0xd9) return this.#abandon();
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      this.#pos = p + 2;
      return true;
    }
    if (p + 4 > this.#len) return false;
    const end = p + 2 + ((buf[p + 2]! << 8) | buf[p + 3]!);
    if (end > this.#len) return false;
    this.#pos = end;
    if (marker === 0xda) this.#mode = 'entropy';
    return true;
  }

  /** Scans scan data for the next marker that is neither stuffing nor a restart. */
  #entropy(): boolean {
    const buf = this.#buf.subarray(0, this.#len);
    for (let p = buf.indexOf(0xff, this.#pos); p >= 0; p = buf.indexOf(0xff, p + 1)) {
      if (p + 1 >= this.#len) {
        this.#pos = p; // look again when the next byte arrives
        return false;
      }
      const next = buf[p + 1]!;
      if (next === 0x00 || next === 0xff || (next >= 0xd0 && next <= 0xd7)) continue;
      if (next === 0xd9) return this.#emit(p + 2);
      // Another segment (a progressive JPEG's next DHT and SOS): back to walking segments.
      this.#pos = p;
      this.#mode = 'segments';
      return true;
    }
    this.#pos = this.#len;
    return false;
  }

  #emit(end: number): boolean {
    if (end > this.#max) {
      this.#drop(end);
      return true;
    }
    this.#onFrame(Buffer.from(this.#buf.subarray(0, end)));
    this.#consume(end);
    return true;
  }

  /**
   * A broken header: the frame was cut short, so what looked like its segments may hold the
   * next frame. Drop only its SOI and search again from there.
   */
  #abandon(): boolean {
    this.#drop(2);
    return true;
  }

  #drop(count: number): void {
    this.droppedBytes += count;
    this.#consume(count);
  }

  #consume(count: number): void {
    this.#buf.copyWithin(0, count, this.#len);
    this.#len -= count;
    // Give back the room one huge frame took, once it is gone.
    if (this.#buf.length > SHRINK_ABOVE && this.#len < INITIAL_CAPACITY) {
      this.#buf = Buffer.from(this.#buf.subarray(0, Math.max(this.#len, INITIAL_CAPACITY)));
    }
    this.#pos = 0;
    this.#mode = 'seek';
  }

  #append(bytes: Uint8Array): void {
    if (this.#len + bytes.length > this.#buf.length) {
      const grown = Buffer.alloc(Math.max(this.#buf.length * 2, this.#len + bytes.length));
      this.#buf.copy(grown, 0, 0, this.#len);
      this.#buf = grown;
    }
    this.#buf.set(bytes, this.#len);
    this.#len += bytes.length;
  }
}

const SOI = Buffer.from([0xff, 0xd8]);
