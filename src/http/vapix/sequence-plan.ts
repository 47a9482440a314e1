import type { ActionStep } from './action-string.ts';

/** One switch at `atMs` after the sequence started: a plain set, or a timed pulse (on, then off after `ms`). */
export type SequenceOp = { atMs: number; kind: 'set'; active: boolean } | { atMs: number; kind: 'pulse'; ms: number };

/** What a sequencer runs: the switches in time order, and how long the sequence counts as running. */
export interface SequencePlan {
  ops: SequenceOp[];
  durationMs: number;
}

/**
 * Turns action steps into switches. Each "on, then off after N ms" pair becomes one timed pulse,
 * because the hub journals a pulse's deadline: after a crash or restart the relay still goes off
 * on time (DESIGN.md: "a crash never leaves a gate relay held"), which two plain sets cannot promise.
 * `holdMs` keeps the sequence running after its last switch (setStateSequence's last `time`).
 * @example planSteps([{ waitMs: 0, active: true }, { waitMs: 300, active: false }]) // one pulse of 300 ms at 0
 */
export function planSteps(steps: ActionStep[], holdMs = 0): SequencePlan {
  const ops: SequenceOp[] = [];
  let at = 0;
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i]!;
    const next = steps[i + 1];
    at += step.waitMs;
    if (step.active && next && !next.active && next.waitMs > 0) {
      ops.push({ atMs: at, kind: 'pulse', ms: next.waitMs });
      at += next.waitMs;
      i++;
    } else {
      ops.push({ atMs: at, kind: 'set', active: step.active });
    }
  }
  return { ops, durationMs: at + holdMs };
}
