import { performance } from 'node:perf_hooks';
import { DigestClient } from '../../test/support/digest-fetch.ts';
import { every, type Loop } from './loop.ts';

/** What the driver played, per simulated input (1-based index → pulses the sim API confirmed). */
export interface EdgeDriverStats {
  pulses: Map<number, number>;
  /** Rising and falling edges: two per confirmed pulse. */
  edges: number;
  requests: number;
  errors: number;
  /** The hub's total after a chunk differed from what the driver had played: an edge went missing. */
  totalMismatches: number;
  firstError: string | null;
}

/**
 * Plays a steady `pulsesPerSecond` (two edges each) over the simulated inputs through
 * `POST /api/v1/sim/inputs/{n}`, in chunks every `chunkMs`, paced against the clock so a slow
 * answer is caught up in the next chunk rather than lowering the rate.
 */
export class EdgeDriver {
  readonly #stats: EdgeDriverStats = { pulses: new Map(), edges: 0, requests: 0, errors: 0, totalMismatches: 0, firstError: null };
  readonly #loops: Loop[] = [];

  constructor(
    readonly base: string,
    readonly inputs: number[],
    readonly pulsesPerSecond: number,
    readonly chunkMs = 100,
  ) {}

  /** Starts one loop per input; each input starts from the total the hub reports now. */
  start(startTotals: Map<number, number>): void {
    const rate = this.pulsesPerSecond / this.inputs.length;
    for (const n of this.inputs) {
      const client = new DigestClient(this.base, 'root', 'pass');
      const started = performance.now();
      let played = 0;
      let expectedTotal = startTotals.get(n) ?? 0;
      this.#stats.pulses.set(n, 0);
      const chunk = async (): Promise<void> => {
        const owed = Math.floor(((performance.now() - started) / 1000) * rate) - played;
        if (owed <= 0) return;
        // A cap keeps one late chunk from becoming a burst that starves everything else.
        const count = Math.min(owed, Math.ceil((rate * this.chunkMs) / 1000) * 10);
        this.#stats.requests++;
        const res = await client.request(`/api/v1/sim/inputs/${n}`, {
          method: 'POST',
          body: JSON.stringify({ pulses: count }),
          headers: { 'content-type': 'application/json' },
        });
        if (res.status !== 200) throw new Error(`POST /api/v1/sim/inputs/${n} answered ${res.status}: ${res.text.slice(0, 200)}`);
        played += count;
        expectedTotal += count;
        this.#stats.pulses.set(n, played);
        this.#stats.edges += count * 2;
        if ((JSON.parse(res.text) as { pulses: number }).pulses !== expectedTotal) this.#stats.totalMismatches++;
      };
      this.#loops.push(every(this.chunkMs, chunk, (err) => this.#fail(err)));
    }
  }

  async stop(): Promise<void> {
    await Promise.all(this.#loops.splice(0).map((l) => l.stop()));
  }

  stats(): EdgeDriverStats {
    return { ...this.#stats, pulses: new Map(this.#stats.pulses) };
  }

  #fail(err: unknown): void {
    this.#stats.errors++;
    this.#stats.firstError ??= err instanceof Error ? err.message : String(err);
  }
}
