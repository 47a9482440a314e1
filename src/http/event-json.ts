import type { JournalEvent } from '../journal/index.ts';

/** A journal entry as the API and the SSE stream send it. */
export interface EventJson {
  seq: number;
  time: string;
  kind: JournalEvent['kind'];
  channel: string | null;
  actor: string | null;
  data: JournalEvent['data'];
}

export function eventJson(e: JournalEvent): EventJson {
  return { seq: e.seq, time: new Date(e.time).toISOString(), kind: e.kind, channel: e.channel, actor: e.actor, data: e.data };
}
