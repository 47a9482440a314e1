// A target whose sends do what the test says, recording calls and overlap.
import { UploadError } from './errors.ts';
import type { UploadErrorCode } from './errors.ts';
import type { UploadItem, UploadKind, UploadTarget } from './upload-target.ts';

/** What the n-th send (0-based, per target) does: resolve, or reject. */
export type SendScript = (item: UploadItem, call: number) => Promise<void>;

export class ScriptedTarget implements UploadTarget {
  readonly calls: string[] = [];
  inFlight = 0;
  maxInFlight = 0;

  constructor(
    readonly name: string,
    readonly script: SendScript = async () => undefined,
    readonly kind: UploadKind = 'ftp',
  ) {}

  async send(item: UploadItem): Promise<void> {
    const call = this.calls.push(item.fileName) - 1;
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      await this.script(item, call);
    } finally {
      this.inFlight--;
    }
  }
}

/** A failure as a target would report it. */
export function failure(code: UploadErrorCode, retryable?: boolean): UploadError {
  return new UploadError(code, { target: 't', detail: 'scripted', ...(retryable !== undefined ? { retryable } : {}) });
}

/** A promise the test resolves when it wants: holds a send open. */
export function gate(): { promise: Promise<void>; open: () => void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
