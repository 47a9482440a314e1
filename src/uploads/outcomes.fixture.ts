// Collects a queue's outcomes and waits for the ones a test expects.
import type { UploadOutcome } from './upload-outcome.ts';

export interface OutcomeLog {
  /** Every outcome so far, in order, with the time it arrived (ms since the log was made). */
  outcomes: (UploadOutcome & { at: number })[];
  /** Pass as the queue's onOutcome. */
  onOutcome: (outcome: UploadOutcome) => void;
  /** Resolves once `done(outcomes)` holds; rejects after `timeoutMs` listing what did arrive. */
  waitFor(done: (outcomes: UploadOutcome[]) => boolean, timeoutMs?: number): Promise<void>;
}

export function outcomeLog(): OutcomeLog {
  const started = performance.now();
  const outcomes: (UploadOutcome & { at: number })[] = [];
  const waiters = new Set<() => void>();
  return {
    outcomes,
    onOutcome: (outcome) => {
      outcomes.push({ ...outcome, at: performance.now() - started });
      for (const check of [...waiters]) check();
    },
    waitFor: (done, timeoutMs = 3000) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`timed out; outcomes so far:\n${JSON.stringify(outcomes, null, 1)}`));
        }, timeoutMs);
        const check = (): void => {
          if (!done(outcomes)) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve();
        };
        waiters.add(check);
        check();
      }),
  };
}

/** Outcomes without the volatile fields, for deepEqual. */
export function summary(outcomes: readonly UploadOutcome[]): string[] {
  return outcomes.map((o) =>
    [o.target, o.fileName, `#${o.attempt}`, o.ok ? 'ok' : o.error?.code, o.willRetry ? `retry in ${o.nextDelayMs}` : 'final'].join(' '),
  );
}
