import { resolveRetryPolicy } from './backoff.ts';
import type { RetryPolicy } from './backoff.ts';
import { UploadError } from './errors.ts';
import { badSetting } from './settings.ts';
import { realTimers } from './timers.ts';
import type { Timers } from './timers.ts';
import { UploadLane } from './upload-lane.ts';
import type { UploadOutcome } from './upload-outcome.ts';
import type { UploadItem, UploadTarget } from './upload-target.ts';

/** How the queue is set up; only `targets` and `onOutcome` are required. */
export interface UploadQueueOptions {
  /** By name: a Map's keys, or each target's `name` (which must then be unique). */
  targets: ReadonlyMap<string, UploadTarget> | readonly UploadTarget[];
  retry?: RetryPolicy;
  /** Items waiting per target behind the one being sent. Default 100. */
  maxPending?: number;
  /** Called for every attempt and every item that ends untried; auxio journals these. */
  onOutcome: (outcome: UploadOutcome) => void;
  timers?: Timers;
  /** For the jitter; default Math.random. */
  random?: () => number;
}

/** Default bound on waiting items per target: ~10 MB of 100 kB pictures during an outage. */
export const DEFAULT_MAX_PENDING = 100;

/**
 * Sends items to named targets in the background: one at a time per target, targets in
 * parallel; retryable failures are tried again with exponential back-off, and every attempt is
 * reported. Memory stays bounded during an outage: the oldest waiting items are dropped, and
 * reported as dropped.
 * @example
 * const queue = new UploadQueue({ targets: [nas, office], onOutcome: (o) => journal.append(o) });
 * queue.enqueue('nas', { jpeg, fileName: '2026-11-26_080000_123.jpg', takenAt, trigger: 'entry 1: /I1' });
 * await queue.stop();
 */
export class UploadQueue {
  readonly #lanes = new Map<string, UploadLane>();
  readonly #report: (outcome: UploadOutcome) => void;

  constructor(o: UploadQueueOptions) {
    const maxPending = o.maxPending ?? DEFAULT_MAX_PENDING;
    if (!Number.isInteger(maxPending) || maxPending < 1) throw badSetting('upload queue', 'maxPending must be an integer of at least 1');
    const policy = resolveRetryPolicy(o.retry);
    this.#report = guardListener(o.onOutcome);
    for (const [key, target] of namedTargets(o.targets)) {
      const options = { key, target, policy, maxPending, timers: o.timers ?? realTimers, random: o.random ?? Math.random };
      this.#lanes.set(key, new UploadLane({ ...options, report: this.#report }));
    }
  }

  /** Whether a target has this name: for checking scripts before they run. */
  has(targetName: string): boolean {
    return this.#lanes.has(targetName);
  }

  /** Queues `item` for `targetName`. Never throws: an unknown name is reported as a failure at once. */
  enqueue(targetName: string, item: UploadItem): void {
    const lane = this.#lanes.get(targetName);
    if (lane) return lane.enqueue(item);
    const error = new UploadError('UPLOAD_UNKNOWN_TARGET', { target: targetName });
    this.#report({ target: targetName, fileName: item.fileName, attempt: 0, ok: false, error: { code: error.code, message: error.message }, willRetry: false });
  }

  /**
   * Cancels back-off timers and waiting items (each reported as cancelled) and refuses new
   * ones; resolves once attempts already in flight have ended and been reported.
   */
  async stop(): Promise<void> {
    await Promise.all([...this.#lanes.values()].map((lane) => lane.stop()));
  }
}

function namedTargets(targets: UploadQueueOptions['targets']): [string, UploadTarget][] {
  if (!Array.isArray(targets)) return [...(targets as ReadonlyMap<string, UploadTarget>)];
  const entries = (targets as readonly UploadTarget[]).map((t): [string, UploadTarget] => [t.name, t]);
  const names = new Set<string>();
  for (const [name] of entries) {
    if (names.has(name)) throw badSetting('upload queue', `two targets are named "${name}"`);
    names.add(name);
  }
  return entries;
}

// A throwing listener must not stall a lane (its current item would never finish): warn instead.
function guardListener(listener: (outcome: UploadOutcome) => void): (outcome: UploadOutcome) => void {
  return (outcome) => {
    try {
      listener(outcome);
    } catch (err) {
      process.emitWarning(`upload queue: onOutcome threw for ${outcome.target} ${outcome.fileName}: ${String(err)}`, 'UploadQueueWarning');
    }
  };
}
