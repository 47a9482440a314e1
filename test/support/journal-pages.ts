import type { DigestClient } from './digest-fetch.ts';

/** A journal entry as `GET /api/v1/events` sends it. */
export interface EventJson {
  seq: number;
  time: string;
  kind: string;
  channel: string | null;
  actor: string | null;
  data: Record<string, unknown>;
}

/**
 * Reads the whole journal (or the part `query` selects, after seq `after`) by paging with `since`,
 * as a client would.
 * @example const edges = await allEvents(client, 'channel=input1&kind=input');
 */
export async function allEvents(client: DigestClient, query = '', pageSize = 1000, after = 0): Promise<EventJson[]> {
  const out: EventJson[] = [];
  for (let since = after; ; ) {
    const sep = query ? `${query}&` : '';
    const res = await client.request(`/api/v1/events?${sep}since=${since}&limit=${pageSize}`);
    if (res.status !== 200) throw new Error(`GET /api/v1/events answered ${res.status}: ${res.text}`);
    const page = (JSON.parse(res.text) as { events: EventJson[] }).events;
    out.push(...page);
    if (page.length < pageSize) return out;
    since = page[page.length - 1]!.seq;
  }
}
