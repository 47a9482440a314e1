import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { mean, slope } from '../stats.ts';
import { every, type Loop } from './loop.ts';

/** A process's resident set now, in MB (`VmRSS` of /proc/PID/status, Linux). */
export function readRssMb(pid: number): number {
  const m = /^VmRSS:\s+(\d+)\s+kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!m) throw new Error(`no VmRSS for process ${pid}`);
  return Number(m[1]) / 1024;
}

/** One RSS sample: seconds since sampling started, MB. */
export interface RssSample {
  s: number;
  mb: number;
}

/** Samples a process's RSS every `periodMs` until stopped. */
export function sampleRss(pid: number, periodMs: number, into: RssSample[]): Loop {
  const start = performance.now();
  return every(periodMs, async () => void into.push({ s: (performance.now() - start) / 1000, mb: readRssMb(pid) }), () => {});
}

/** Whether the RSS stayed flat, and the figures that say so. */
export interface RssVerdict {
  startMb: number;
  endMb: number;
  maxMb: number;
  /** Mean of the first window after warm-up, and of the last window. */
  firstMeanMb: number;
  lastMeanMb: number;
  /** Least-squares slope of every sample after warm-up. */
  slopeMbPerMin: number;
  growing: boolean;
}

/**
 * Compares the mean of the first `windowS` after `warmupS` (the heap and SQLite's caches have
 * grown to their working size by then) with the mean of the last `windowS`. Growth beyond
 * `allowMb` and `allowFraction` of the first mean, with a rising slope, is a leak, not noise.
 */
export function rssVerdict(
  samples: RssSample[],
  o: { warmupS: number; windowS: number; allowMb: number; allowFraction: number },
): RssVerdict {
  const end = samples.at(-1)?.s ?? 0;
  const settled = samples.filter((x) => x.s >= o.warmupS);
  const first = settled.filter((x) => x.s < o.warmupS + o.windowS).map((x) => x.mb);
  const last = settled.filter((x) => x.s > end - o.windowS).map((x) => x.mb);
  const firstMeanMb = mean(first);
  const lastMeanMb = mean(last);
  const slopeMbPerMin = slope(settled.map((x) => ({ x: x.s / 60, y: x.mb })));
  const allowed = Math.max(o.allowMb, o.allowFraction * firstMeanMb);
  return {
    startMb: samples[0]?.mb ?? NaN,
    endMb: samples.at(-1)?.mb ?? NaN,
    maxMb: Math.max(...samples.map((x) => x.mb)),
    firstMeanMb,
    lastMeanMb,
    slopeMbPerMin,
    growing: lastMeanMb - firstMeanMb > allowed && slopeMbPerMin > 0,
  };
}
