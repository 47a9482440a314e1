// npm run fuzz: every fuzz target of test/fuzz for FUZZ_RUNS cases each (100,000 by default), one
// after another, as a table; exits 1 if any target failed. FUZZ_TARGET runs one target (by name),
// FUZZ_SEED and FUZZ_PATH replay what a failure printed.
import { allTargets, replayOptions, runTarget, type FuzzOutcome } from '../test/fuzz/targets.ts';

const RUNS = Number(process.env.FUZZ_RUNS ?? 100_000);
const only = process.env.FUZZ_TARGET;

const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');

function table(outcomes: readonly FuzzOutcome[]): string {
  const rows = [
    ['target', 'cases', 'time', 'failures'],
    ...outcomes.map((o) => [o.name, fmt(o.cases), `${(o.ms / 1000).toFixed(1)} s`, o.failed ? '1' : '0']),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => `| ${r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
  return [line(rows[0]!), `|${widths.map((w, i) => (i === 0 ? `${'-'.repeat(w + 2)}` : `${'-'.repeat(w + 1)}:`)).join('|')}|`, ...rows.slice(1).map(line)].join('\n');
}

const outcomes: FuzzOutcome[] = [];
for (const target of allTargets()) {
  if (only !== undefined && target.name !== only) continue;
  process.stderr.write(`${target.name}: ${fmt(RUNS)} cases...\n`);
  const outcome = await runTarget(target, { numRuns: RUNS, ...replayOptions() });
  outcomes.push(outcome);
  if (outcome.report) console.error(`\n${outcome.report}\n`);
}

console.log(table(outcomes));
process.exitCode = outcomes.some((o) => o.failed) ? 1 : 0;
