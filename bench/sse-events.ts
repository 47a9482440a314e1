import type { EventJson } from '../test/support/journal-pages.ts';

/** A journal entry as the event stream sends it, with when this process received it. */
export interface StreamEntry extends EventJson {
  /** Date.now() when its frame was parsed here. */
  receivedAt: number;
}

/**
 * Reads `GET /api/v1/events/stream` (Basic root/pass) and calls `onEntry` for each entry as it
 * arrives; resolves once the stream is open. Call the returned function to close it.
 * @example const close = await readEventStream(url, '?kind=input', (e) => seen.push(e));
 */
export async function readEventStream(base: string, query: string, onEntry: (entry: StreamEntry) => void): Promise<() => void> {
  const abort = new AbortController();
  const res = await fetch(`${base}/api/v1/events/stream${query}`, {
    headers: { accept: 'text/event-stream', authorization: `Basic ${Buffer.from('root:pass').toString('base64')}` },
    signal: abort.signal,
  });
  if (res.status !== 200 || !res.body) throw new Error(`event stream answered ${res.status}`);
  const body = res.body;
  void (async () => {
    const decoder = new TextDecoder();
    let pending = '';
    try {
      for await (const chunk of body) {
        pending += decoder.decode(chunk as Uint8Array, { stream: true });
        let end: number;
        while ((end = pending.indexOf('\n\n')) >= 0) {
          const data = pending.slice(0, end).split('\n').find((l) => l.startsWith('data: '));
          pending = pending.slice(end + 2);
          if (data) onEntry({ ...(JSON.parse(data.slice(6)) as Omit<StreamEntry, 'receivedAt'>), receivedAt: Date.now() });
        }
      }
    } catch {
      /* closed */
    }
  })();
  return () => abort.abort();
}
