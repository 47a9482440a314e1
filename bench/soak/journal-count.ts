import type { DigestClient } from '../../test/support/digest-fetch.ts';

/** The journal's input entries after a seq, counted per channel as `[rises, falls]`. */
export interface JournalCounts {
  inputs: Map<string, [number, number]>;
  /** The newest seq of any kind when counting ended. */
  lastSeq: number;
  /** The newest input entry's seq (MQTT carries only input entries). */
  lastInputSeq: number;
}

/** Pages through `GET /api/v1/events?kind=input` after `since`, as any client would. */
export async function countJournalInputs(client: DigestClient, since: number): Promise<JournalCounts> {
  const counts: JournalCounts = { inputs: new Map(), lastSeq: since, lastInputSeq: since };
  for (let after = since; ; ) {
    const res = await client.request(`/api/v1/events?kind=input&since=${after}&limit=1000`);
    if (res.status !== 200) throw new Error(`GET /api/v1/events answered ${res.status}: ${res.text.slice(0, 200)}`);
    const page = JSON.parse(res.text) as { events: Array<{ seq: number; channel: string; data: { level: number } }>; lastSeq: number };
    counts.lastSeq = page.lastSeq;
    for (const e of page.events) {
      const c = counts.inputs.get(e.channel) ?? [0, 0];
      c[e.data.level === 1 ? 0 : 1]++;
      counts.inputs.set(e.channel, c);
      counts.lastInputSeq = e.seq;
    }
    if (page.events.length < 1000) return counts;
    after = page.events.at(-1)!.seq;
  }
}
