import { performance } from 'node:perf_hooks';
import { DigestClient, type DigestAnswer } from '../../test/support/digest-fetch.ts';
import { parseInputTxt } from '../../test/support/input-txt.ts';
import { every, type Loop } from './loop.ts';

/** What one poller saw. */
export interface PollerStats {
  path: string;
  reads: number;
  /** Requests that failed or were answered with other than 200. */
  errors: number;
  firstError: string | null;
  /** Answers that broke a promise (a malformed input.txt line, a total going backwards). */
  violations: number;
  firstViolation: string | null;
  /** Request to full answer, ms, one per successful read. */
  latencies: number[];
}

/**
 * Reads one path with its own Digest client (one nonce, a rising nc, as a VMS polls) every
 * `periodMs`, times each answer and hands it to `check`, which throws on a broken promise.
 */
export class Poller {
  readonly stats: PollerStats;
  readonly #client: DigestClient;
  #loop: Loop | null = null;

  constructor(
    base: string,
    path: string,
    readonly periodMs: number,
    readonly check: (answer: DigestAnswer) => void,
  ) {
    this.#client = new DigestClient(base, 'root', 'pass');
    this.stats = { path, reads: 0, errors: 0, firstError: null, violations: 0, firstViolation: null, latencies: [] };
  }

  start(): void {
    this.#loop = every(this.periodMs, () => this.readOnce(), (err) => {
      this.stats.errors++;
      this.stats.firstError ??= err instanceof Error ? err.message : String(err);
    });
  }

  async stop(): Promise<void> {
    await this.#loop?.stop();
  }

  async readOnce(): Promise<void> {
    const start = performance.now();
    const answer = await this.#client.request(this.stats.path);
    const ms = performance.now() - start;
    if (answer.status !== 200) throw new Error(`${this.stats.path} answered ${answer.status}: ${answer.text.slice(0, 200)}`);
    this.stats.reads++;
    this.stats.latencies.push(ms);
    try {
      this.check(answer);
    } catch (err) {
      this.stats.violations++;
      this.stats.firstViolation ??= err instanceof Error ? err.message : String(err);
    }
  }
}

/**
 * input.txt pollers share one tally: each read takes the pulses of the interval since the previous
 * read by anyone, so their sum over all reads must equal every falling edge journaled.
 */
export function inputTxtPoller(base: string, periodMs: number, pulseSum: Map<number, number>): Poller {
  return new Poller(base, '/io/input.txt', periodMs, (answer) => {
    for (const line of parseInputTxt(answer.text)) pulseSum.set(line.input, (pulseSum.get(line.input) ?? 0) + line.pulse);
  });
}

/** A /api/v1/io poller that fails a read when an input's pulse total went backwards. */
export function ioPoller(base: string, periodMs: number): Poller {
  const seen = new Map<string, number>();
  return new Poller(base, '/api/v1/io', periodMs, (answer) => {
    const { channels } = JSON.parse(answer.text) as { channels: Array<{ id: string; direction: string; pulses?: number }> };
    for (const c of channels) {
      if (c.direction !== 'input' || c.pulses === undefined) continue;
      const before = seen.get(c.id) ?? 0;
      if (c.pulses < before) throw new Error(`${c.id} pulse total went backwards: ${before} → ${c.pulses}`);
      seen.set(c.id, c.pulses);
    }
  });
}
