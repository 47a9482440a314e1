import type { RetryPolicy } from './backoff.ts';
import { backoffDelay } from './backoff.ts';
import { isUploadError, UploadError } from './errors.ts';
import type { UploadErrorCode } from './errors.ts';
import type { Timers } from './timers.ts';
import type { UploadOutcome } from './upload-outcome.ts';
import type { UploadItem, UploadTarget } from './upload-target.ts';

/** What one lane needs; the queue builds it. */
export interface UploadLaneOptions {
  /** The name items are queued under (a Map key may differ from `target.name`). */
  key: string;
  target: UploadTarget;
  policy: Readonly<Required<RetryPolicy>>;
  maxPending: number;
  timers: Timers;
  random: () => number;
  report: (outcome: UploadOutcome) => void;
}

interface Job {
  item: UploadItem;
  /** Attempts made so far. */
  tries: number;
}

/**
 * One target's line: one item at a time, in order, so a slow server gets one connection from
 * us, not a burst. The current item (sending, or waiting out its back-off) keeps its place;
 * at most `maxPending` others wait behind it, and beyond that the oldest of them is dropped.
 */
export class UploadLane {
  readonly #o: UploadLaneOptions;
  #waiting: Job[] = [];
  #current: Job | undefined;
  #retryTimer: unknown;
  #sending: Promise<void> | undefined;
  #stopped = false;

  constructor(options: UploadLaneOptions) {
    this.#o = options;
  }

  /** Queues `item`; never throws. */
  enqueue(item: UploadItem): void {
    if (this.#stopped) return this.#untried({ item, tries: 0 }, 'UPLOAD_CANCELLED', '');
    this.#waiting.push({ item, tries: 0 });
    if (this.#waiting.length > this.#o.maxPending) {
      this.#untried(this.#waiting.shift()!, 'UPLOAD_DROPPED', String(this.#o.maxPending));
    }
    this.#startNext();
  }

  /** Cancels the back-off timer and every waiting item; resolves when the attempt in flight (if any) has ended. */
  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#retryTimer !== undefined) {
      this.#o.timers.clearTimeout(this.#retryTimer);
      this.#retryTimer = undefined;
      this.#untried(this.#current!, 'UPLOAD_CANCELLED', '');
      this.#current = undefined;
    }
    for (const job of this.#waiting.splice(0)) this.#untried(job, 'UPLOAD_CANCELLED', '');
    await this.#sending;
  }

  #startNext(): void {
    if (this.#current !== undefined || this.#stopped) return;
    this.#current = this.#waiting.shift();
    if (this.#current !== undefined) this.#attempt(this.#current);
  }

  #attempt(job: Job): void {
    this.#sending = this.#run(job).finally(() => (this.#sending = undefined));
  }

  async #run(job: Job): Promise<void> {
    job.tries++;
    const error = await this.#sendOnce(job.item);
    // After stop() no new attempt starts, so this one's outcome is final whatever it was.
    const willRetry = error !== undefined && error.retryable && job.tries < this.#o.policy.attempts && !this.#stopped;
    if (!willRetry) {
      this.#report(job, error, false);
      this.#current = undefined;
      this.#startNext();
      return;
    }
    const delay = backoffDelay(job.tries, this.#o.policy, this.#o.random);
    this.#retryTimer = this.#o.timers.setTimeout(() => {
      this.#retryTimer = undefined;
      this.#attempt(job);
    }, delay);
    // Reported after the timer is set, so a listener that calls stop() cancels this retry too.
    this.#report(job, error, true, delay);
  }

  /** The error the send ended with, undefined on success. */
  async #sendOnce(item: UploadItem): Promise<UploadError | undefined> {
    try {
      await this.#o.target.send(item);
      return undefined;
    } catch (err) {
      if (isUploadError(err)) return err;
      // A target is meant to throw UploadErrors only; anything else is a bug, not an outage.
      const detail = err instanceof Error ? err.message : String(err);
      return new UploadError('UPLOAD_INTERNAL', { target: this.#o.target.name, detail });
    }
  }

  #untried(job: Job, code: UploadErrorCode, detail: string): void {
    this.#report(job, new UploadError(code, { target: this.#o.key, detail }), false);
  }

  #report(job: Job, error: UploadError | undefined, willRetry: boolean, nextDelayMs?: number): void {
    this.#o.report({
      target: this.#o.key,
      kind: this.#o.target.kind,
      fileName: job.item.fileName,
      attempt: job.tries,
      ok: error === undefined,
      ...(error ? { error: { code: error.code, message: error.message } } : {}),
      willRetry,
      ...(nextDelayMs !== undefined ? { nextDelayMs } : {}),
    });
  }
}
