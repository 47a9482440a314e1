import { setTimeout as sleep } from 'node:timers/promises';

/** What one event-stream client received, checked frame by frame. */
export interface SseStats {
  name: string;
  /** Journal entries received (any kind). */
  entries: number;
  /** Input entries per channel: `[rises, falls]`. */
  inputs: Map<string, [number, number]>;
  /** Seqs skipped (the journal's seqs have no holes, so any skip is a lost entry). */
  missing: number;
  /** Seqs received again or out of order. */
  duplicates: number;
  /** Connections after the first, each resuming with Last-Event-ID. */
  reconnects: number;
  lastSeq: number;
  firstError: string | null;
}

const RECONNECT_MS = 200;

/**
 * An event-stream client as the web page is one: it reads every frame, and when the stream ends
 * (auxio drops a client that falls 4 MiB behind, or the network breaks) it reconnects with
 * Last-Event-ID. It keeps counts only, so ten minutes at 1,000 edges/s cost it no memory.
 */
export class SseCounter {
  readonly stats: SseStats;
  readonly #abort = new AbortController();
  readonly #authorization = `Basic ${Buffer.from('root:pass').toString('base64')}`;
  #done: Promise<void> = Promise.resolve();

  constructor(
    readonly base: string,
    name: string,
    since: number,
  ) {
    this.stats = { name, entries: 0, inputs: new Map(), missing: 0, duplicates: 0, reconnects: 0, lastSeq: since, firstError: null };
  }

  /** Connects and keeps reading (and reconnecting) in the background until `stop()`. */
  start(): void {
    this.#done = (async () => {
      for (let attempt = 0; !this.#abort.signal.aborted; attempt++) {
        if (attempt > 0) this.stats.reconnects++;
        try {
          await this.#read(attempt === 0);
        } catch (err) {
          if (this.#abort.signal.aborted) return;
          this.stats.firstError ??= err instanceof Error ? err.message : String(err);
        }
        await sleep(RECONNECT_MS);
      }
    })();
  }

  /** Waits until an entry with seq ≥ `seq` has arrived; false after `timeoutMs`. */
  async reached(seq: number, timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (this.stats.lastSeq < seq) {
      if (Date.now() > deadline) return false;
      await sleep(50);
    }
    return true;
  }

  async stop(): Promise<void> {
    this.#abort.abort();
    await this.#done;
  }

  async #read(first: boolean): Promise<void> {
    // The first connect asks for everything after the soak's start; a reconnect resumes as browsers do.
    const headers: Record<string, string> = { accept: 'text/event-stream', authorization: this.#authorization };
    if (!first) headers['last-event-id'] = String(this.stats.lastSeq);
    const res = await fetch(`${this.base}/api/v1/events/stream${first ? `?since=${this.stats.lastSeq}` : ''}`, {
      headers,
      signal: this.#abort.signal,
    });
    if (res.status !== 200 || !res.body) throw new Error(`event stream answered ${res.status}`);
    const decoder = new TextDecoder();
    let pending = '';
    for await (const chunk of res.body) {
      pending += decoder.decode(chunk as Uint8Array, { stream: true });
      let end: number;
      while ((end = pending.indexOf('\n\n')) >= 0) {
        this.#frame(pending.slice(0, end));
        pending = pending.slice(end + 2);
      }
    }
  }

  #frame(raw: string): void {
    const data = raw.split('\n').find((line) => line.startsWith('data: '));
    if (!data) return; // a comment or retry: frame
    const entry = JSON.parse(data.slice(6)) as { seq: number; kind: string; channel: string | null; data: { level?: number } };
    const s = this.stats;
    if (entry.seq <= s.lastSeq) {
      s.duplicates++;
      return;
    }
    s.missing += entry.seq - s.lastSeq - 1;
    s.lastSeq = entry.seq;
    s.entries++;
    if (entry.kind === 'input' && entry.channel) {
      const counts = s.inputs.get(entry.channel) ?? [0, 0];
      counts[entry.data.level === 1 ? 0 : 1]++;
      s.inputs.set(entry.channel, counts);
    }
  }
}
