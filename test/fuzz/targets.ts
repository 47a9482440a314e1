// The fuzz targets, shared by the fast slice (test/fuzz/*.test.ts) and the soak run (bench/fuzz.ts):
// each is a name, a property and the arbitrary it draws from, run for as many cases as asked.
import fc from 'fast-check';
import { configTargets } from './config-targets.ts';
import { httpTargets } from './http-targets.ts';
import { scriptTargets } from './script-targets.ts';
import { vapixTargets } from './vapix-targets.ts';

/** Which part of auxio a target feeds. */
export type FuzzFamily = 'script' | 'config' | 'vapix' | 'http';

/** A property ready to run; `close` undoes whatever `open` started (an app, a temp dir). */
export interface FuzzSession {
  // Each target's cases have their own type; only fast-check looks inside them.
  readonly property: fc.IRawProperty<any, boolean>;
  close?(): Promise<void> | void;
}

/** One fuzz target: a named property over generated input. */
export interface FuzzTarget {
  readonly name: string;
  readonly family: FuzzFamily;
  open(): FuzzSession | Promise<FuzzSession>;
}

/** How one target's run went; `report` is fast-check's, with the seed and path to replay it. */
export interface FuzzOutcome {
  readonly name: string;
  readonly cases: number;
  readonly ms: number;
  readonly failed: boolean;
  readonly seed: number;
  readonly report: string | null;
}

export interface RunOptions {
  readonly numRuns: number;
  /** Replays a failure: the seed (and path) fast-check printed. */
  readonly seed?: number | undefined;
  readonly path?: string | undefined;
}

/** Every target, in the order the soak run prints them. */
export function allTargets(): FuzzTarget[] {
  return [...scriptTargets, ...configTargets, ...vapixTargets, ...httpTargets];
}

/** `FUZZ_SEED` / `FUZZ_PATH` from the environment, to replay what a failure printed. */
export function replayOptions(env: NodeJS.ProcessEnv = process.env): { seed?: number; path?: string } {
  const seed = env.FUZZ_SEED === undefined ? undefined : Number(env.FUZZ_SEED);
  return { ...(Number.isInteger(seed) ? { seed } : {}), ...(env.FUZZ_PATH ? { path: env.FUZZ_PATH } : {}) };
}

/** Runs one target for `numRuns` cases; a failure is returned (with its seed), never thrown. */
export async function runTarget(target: FuzzTarget, options: RunOptions): Promise<FuzzOutcome> {
  const seed = options.seed ?? (Date.now() ^ (Math.random() * 0x1_0000_0000)) | 0;
  const session = await target.open();
  const started = performance.now();
  try {
    const details = await fc.check(session.property, {
      numRuns: options.numRuns,
      seed,
      ...(options.path ? { path: options.path } : {}),
      endOnFailure: false,
      includeErrorInReport: true,
    });
    const ms = performance.now() - started;
    const replay = `FUZZ_TARGET='${target.name}' FUZZ_SEED=${details.seed} FUZZ_PATH=${details.counterexamplePath ?? ''}`;
    const report = details.failed ? `${target.name}: ${fc.defaultReportMessage(details)}\nreplay: ${replay}` : null;
    return { name: target.name, cases: details.numRuns, ms, failed: details.failed, seed: details.seed, report };
  } finally {
    await session.close?.();
  }
}
