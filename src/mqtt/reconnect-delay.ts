/** Bounds of the reconnect back-off, in ms. */
export interface BackoffBounds {
  minMs: number;
  maxMs: number;
}

/**
 * How long to wait before reconnect attempt `attempt` (0 = the first after a loss): doubling from
 * `minMs` up to `maxMs`, with the upper half jittered so many devices don't return to a restarted
 * broker at the same instant.
 * @example reconnectDelay(3, { minMs: 1000, maxMs: 60000 }) // 4000..8000
 */
export function reconnectDelay(attempt: number, bounds: BackoffBounds, random: () => number = Math.random): number {
  const ceiling = Math.min(bounds.maxMs, bounds.minMs * 2 ** Math.min(attempt, 30));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
