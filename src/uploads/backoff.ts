import { badSetting } from './settings.ts';

/** How often and how patiently a failed upload is tried again. */
export interface RetryPolicy {
  /** Attempts in all, the first included. Default 5. */
  attempts?: number;
  /** Wait after the first failure; doubles after each further one. Default 1 s. */
  initialDelayMs?: number;
  /** The wait never grows past this. Default 60 s. */
  maxDelayMs?: number;
  /** Fraction 0-1 of each wait taken off at random, so many senders do not retry in step. Default 0. */
  jitter?: number;
}

export const RETRY_DEFAULTS: Readonly<Required<RetryPolicy>> = Object.freeze({
  attempts: 5,
  initialDelayMs: 1000,
  maxDelayMs: 60_000,
  jitter: 0,
});

/** The policy with defaults filled in; throws UPLOAD_CONFIG (target `upload queue`) when out of range. */
export function resolveRetryPolicy(policy: RetryPolicy = {}): Readonly<Required<RetryPolicy>> {
  const p = { ...RETRY_DEFAULTS, ...withoutUndefined(policy) };
  const problem =
    !Number.isInteger(p.attempts) || p.attempts < 1 ? 'retry.attempts must be an integer of at least 1'
    : !Number.isInteger(p.initialDelayMs) || p.initialDelayMs < 0 ? 'retry.initialDelayMs must be an integer >= 0'
    : !Number.isInteger(p.maxDelayMs) || p.maxDelayMs < p.initialDelayMs ? 'retry.maxDelayMs must be an integer >= initialDelayMs'
    : !(p.jitter >= 0 && p.jitter <= 1) ? 'retry.jitter must be from 0 to 1'
    : undefined;
  if (problem) throw badSetting('upload queue', problem);
  return Object.freeze(p);
}

/**
 * The wait before the next attempt after `failures` failed ones: initialDelayMs doubled per
 * further failure, capped at maxDelayMs, minus the jitter share.
 * @example backoffDelay(3, { ...RETRY_DEFAULTS, initialDelayMs: 20 }) // 80
 */
export function backoffDelay(failures: number, policy: Readonly<Required<RetryPolicy>>, random: () => number = Math.random): number {
  // The exponent is capped: 2 ** 1024 is Infinity, and 0 * Infinity would be NaN.
  const doublings = Math.min(Math.max(0, failures - 1), 40);
  const base = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** doublings);
  return Math.round(base * (1 - policy.jitter * random()));
}

function withoutUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
