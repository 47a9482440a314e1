import { formatLocalTimestamp } from '../local-time.ts';
import type { Snapshot, SnapshotRequest, SnapshotSource } from '../source.ts';
import { encodeJpeg } from './encode-jpeg.ts';
import { Raster } from './raster.ts';
import { drawTestPattern } from './test-pattern.ts';

/** Options for the synthetic camera. */
export interface SyntheticSourceOptions {
  /** Shown on every picture; default `synthetic`. */
  name?: string;
  /** ms since the epoch; injectable so tests can pin the stamped time. */
  clock?: () => number;
}

/** Size and quality a request resolves to when it leaves them out. */
export const SYNTHETIC_DEFAULTS = { width: 640, height: 480, quality: 80 } as const;

/** Bounds a requested size is clamped to: big enough to draw, small enough not to exhaust memory. */
export const SYNTHETIC_LIMITS = { minWidth: 16, maxWidth: 3840, minHeight: 16, maxHeight: 2160 } as const;

/** A request with every field decided. */
export interface ResolvedRequest {
  width: number;
  height: number;
  quality: number;
}

/** Fills in defaults and clamps size to `SYNTHETIC_LIMITS`, quality to 1..100. */
export function resolveRequest(request: SnapshotRequest = {}): ResolvedRequest {
  return {
    width: clampInt(request.width, SYNTHETIC_DEFAULTS.width, SYNTHETIC_LIMITS.minWidth, SYNTHETIC_LIMITS.maxWidth),
    height: clampInt(request.height, SYNTHETIC_DEFAULTS.height, SYNTHETIC_LIMITS.minHeight, SYNTHETIC_LIMITS.maxHeight),
    quality: clampInt(request.quality, SYNTHETIC_DEFAULTS.quality, 1, 100),
  };
}

/** The band's text, top to bottom: local time, source name, then the trigger label if any. */
export function syntheticLines(capturedAt: number, name: string, label?: string): string[] {
  const lines = [formatLocalTimestamp(capturedAt), name];
  if (label !== undefined && label !== '') lines.push(label);
  return lines;
}

/**
 * The default camera when the user has none: colour bars, a sliding square and a stamp of
 * time, source name and trigger label.
 * @example
 * const cam = new SyntheticSource({ name: 'gate' });
 * const shot = await cam.capture({ label: 'entry 1: /I1' });
 */
export class SyntheticSource implements SnapshotSource {
  readonly kind = 'synthetic';
  readonly name: string;
  readonly #clock: () => number;
  #frame = 0;

  constructor(options: SyntheticSourceOptions = {}) {
    this.name = options.name ?? 'synthetic';
    this.#clock = options.clock ?? Date.now;
  }

  // Nothing to open: the pattern is drawn on demand.
  async start(): Promise<void> {}

  async stop(): Promise<void> {}

  async capture(request: SnapshotRequest = {}): Promise<Snapshot> {
    const { width, height, quality } = resolveRequest(request);
    const capturedAt = this.#clock();
    const raster = new Raster(width, height);
    drawTestPattern(raster, { frame: this.#frame++, lines: syntheticLines(capturedAt, this.name, request.label) });
    return { jpeg: await encodeJpeg(raster.data, width, height, quality), width, height, capturedAt };
  }
}

function clampInt(value: number | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined || !Number.isFinite(value)) return fallback;
  return Math.min(max, Math.max(min, Math.round(value)));
}
