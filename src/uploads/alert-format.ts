// The two wire formats of an alert. Both carry the time as ISO 8601 UTC: machines read these,
// and a zone-free stamp without spaces keeps the one-line form easy to split.
import type { UploadItem } from './upload-target.ts';

/** The JSON body POSTed to an alert URL, keys in this order. */
export interface AlertBody {
  source: 'auxio';
  trigger: string;
  /** ISO 8601 UTC, e.g. `2026-11-26T08:00:00.123Z`. */
  time: string;
  message: string;
}

/** The body of an HTTP alert. */
export function alertBody(item: UploadItem, message: string): AlertBody {
  return { source: 'auxio', trigger: item.trigger, time: new Date(item.takenAt).toISOString(), message };
}

/**
 * The one line a TCP alert writes; the caller has checked trigger and message hold no line break.
 * @example alertLine(item, 'door open') // 'auxio 2026-11-26T08:00:00.123Z entry 1: /I1 door open\n'
 */
export function alertLine(item: UploadItem, message: string): string {
  return `auxio ${new Date(item.takenAt).toISOString()} ${item.trigger} ${message}\n`;
}
