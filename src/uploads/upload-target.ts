/** Which of the AXIS script commands a target stands for. */
export type UploadKind = 'ftp' | 'mail' | 'alert';

/** One thing to send: usually a snapshot, sometimes only a notice (alerts need no JPEG). */
export interface UploadItem {
  /** The picture; FTP needs it, mail attaches it when present, alerts ignore it. */
  jpeg?: Buffer;
  /** Name on the server and of the attachment, e.g. `2026-11-26_080000_123.jpg`. */
  fileName: string;
  /** When the picture was taken, ms since the epoch. */
  takenAt: number;
  /** What caused it, e.g. `entry 1: /I1`. */
  trigger: string;
  /** Mail subject or alert message; each target has a default. */
  text?: string;
}

/**
 * The one seam between the upload queue and a protocol. `send` resolves once the server has the
 * item and rejects with an `UploadError` otherwise; it never retries (the queue does).
 */
export interface UploadTarget {
  readonly name: string;
  readonly kind: UploadKind;
  send(item: UploadItem): Promise<void>;
}
