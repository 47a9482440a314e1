import type { UploadErrorCode } from './errors.ts';
import type { UploadKind } from './upload-target.ts';

/**
 * What became of one attempt, or of an item that never got one (dropped, cancelled, unknown
 * target). auxio journals each; a retried item yields several, the last with `willRetry: false`.
 */
export interface UploadOutcome {
  /** The name the item was queued under. */
  target: string;
  /** Absent only when no target has that name. */
  kind?: UploadKind;
  fileName: string;
  /** 1 for the first try; for an item that ends untried (dropped, cancelled) the tries it had, maybe 0. */
  attempt: number;
  ok: boolean;
  error?: { code: UploadErrorCode; message: string };
  /** Whether another attempt is scheduled. */
  willRetry: boolean;
  /** When `willRetry`: the wait before it. */
  nextDelayMs?: number;
}
