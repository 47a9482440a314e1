import type { IntervalReport } from './channels.ts';

/** Where the current input.txt interval started, per input. Persisted, so a restart keeps it. */
export interface IntervalState {
  /** When the previous read happened (or auxio first ran), ms epoch. */
  readAt: number;
  inputs: Record<string, { last: 0 | 1; pulsesAtStart: number }>;
}

export interface IntervalInput {
  id: string;
  index: number;
  level: 0 | 1;
  pulses: number;
}

/**
 * The seed's input.txt rule: a read reports the interval since the previous read (`last` = the level
 * that read reported, `time` = when it happened, `pulse` = 1→0 transitions since), then starts a new one.
 */
export function reportInterval(state: IntervalState, inputs: IntervalInput[]): IntervalReport[] {
  return inputs.map((input) => {
    const start = state.inputs[input.id] ?? { last: input.level, pulsesAtStart: input.pulses };
    return {
      index: input.index,
      current: input.level,
      last: start.last,
      previousReadAt: state.readAt,
      pulse: Math.max(0, input.pulses - start.pulsesAtStart),
    };
  });
}

/** The interval that a read at `now` starts. */
export function startInterval(now: number, inputs: IntervalInput[]): IntervalState {
  const entries = inputs.map((i) => [i.id, { last: i.level, pulsesAtStart: i.pulses }] as const);
  return { readAt: now, inputs: Object.fromEntries(entries) };
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** input.txt's body: one line per input, `input:N current:C last:L time:HH.MM pulse:P`. */
export function formatInputTxt(reports: IntervalReport[]): string {
  return reports
    .map((r) => {
      const t = new Date(r.previousReadAt);
      const time = `${pad2(t.getHours())}.${pad2(t.getMinutes())}`;
      return `input:${r.index} current:${r.current} last:${r.last} time:${time} pulse:${r.pulse}\n`;
    })
    .join('');
}
