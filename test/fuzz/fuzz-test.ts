// The fast slice: each target as one node:test test with a modest number of cases. A failure prints
// fast-check's report with the seed and path; replay it with
// FUZZ_TARGET='<name>' FUZZ_SEED=<seed> FUZZ_PATH=<path> node --import tsx --test <file>.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { replayOptions, runTarget, type FuzzTarget } from './targets.ts';

/** Registers one test that runs `target` for `numRuns` cases (or replays the seed in the environment). */
export function fuzzTest(target: FuzzTarget, numRuns: number): void {
  const only = process.env.FUZZ_TARGET;
  test(`${target.name} (${numRuns} cases)`, { skip: only !== undefined && only !== target.name ? `FUZZ_TARGET is ${only}` : false }, async () => {
    const outcome = await runTarget(target, { numRuns, ...replayOptions() });
    assert.ok(!outcome.failed, outcome.report ?? undefined);
  });
}
