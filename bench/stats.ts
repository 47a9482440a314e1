// Small statistics the benches and the soak share, so every figure is computed the same way.

/** The value at percentile `p` (0–100) by nearest rank; NaN for no values. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

/** The arithmetic mean; NaN for no values. */
export function mean(values: readonly number[]): number {
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : NaN;
}

/** The median, for a handful of repeated timings. */
export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

/**
 * The least-squares slope of y over x: how fast a series grows, not where it happens to end.
 * @example slope([{ x: 0, y: 1 }, { x: 1, y: 3 }]) // 2
 */
export function slope(points: ReadonlyArray<{ x: number; y: number }>): number {
  if (points.length < 2) return NaN;
  const mx = mean(points.map((p) => p.x));
  const my = mean(points.map((p) => p.y));
  let num = 0;
  let den = 0;
  for (const { x, y } of points) {
    num += (x - mx) * (y - my);
    den += (x - mx) ** 2;
  }
  return den === 0 ? NaN : num / den;
}
