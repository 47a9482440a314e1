/** One Server-Sent Events frame as received: the raw text (without the blank line) and its fields. */
export interface SseFrame {
  raw: string;
  id: string | undefined;
  data: string | undefined;
  /** True for comment-only frames (`: ping`) and `retry:` frames. */
  comment: boolean;
}

/** A live SSE connection read through fetch's body stream. */
export interface SseConnection {
  status: number;
  headers: Headers;
  /** Every byte received so far, decoded. */
  text(): string;
  /** Frames received so far, in order. */
  frames: SseFrame[];
  /** Waits until `predicate` holds for the frames so far (or throws after `timeoutMs`). */
  waitFor(predicate: (frames: SseFrame[]) => boolean, timeoutMs?: number): Promise<void>;
  /** Aborts the request (the server sees the client go away). */
  close(): void;
}

/**
 * Opens `GET url` as an event stream with fetch and parses frames as they arrive.
 * @example const sse = await openSse(`${url}/api/v1/events/stream`, { authorization }); await sse.waitFor((f) => f.length > 3);
 */
export async function openSse(url: string, headers: Record<string, string>): Promise<SseConnection> {
  const abort = new AbortController();
  const res = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal: abort.signal });
  const frames: SseFrame[] = [];
  let received = '';
  let pending = '';
  let ended = false;
  let wake: () => void = () => {};
  const decoder = new TextDecoder();
  void (async () => {
    if (!res.body) return;
    try {
      for await (const chunk of res.body) {
        const text = decoder.decode(chunk as Uint8Array, { stream: true });
        received += text;
        pending += text;
        let end: number;
        while ((end = pending.indexOf('\n\n')) >= 0) {
          frames.push(parseFrame(pending.slice(0, end)));
          pending = pending.slice(end + 2);
        }
        wake();
      }
    } catch {
      /* aborted */
    } finally {
      ended = true;
      wake();
    }
  })();
  return {
    status: res.status,
    headers: res.headers,
    text: () => received,
    frames,
    async waitFor(predicate, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (!predicate(frames)) {
        if (ended) throw new Error(`event stream ended before the expected frames arrived (${frames.length} frames)`);
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`timed out waiting for frames (${frames.length} received)`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, left);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
    },
    close() {
      abort.abort();
    },
  };
}

function parseFrame(raw: string): SseFrame {
  let id: string | undefined;
  let data: string | undefined;
  let comment = true;
  for (const line of raw.split('\n')) {
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'id') (id = value), (comment = false);
    else if (field === 'data') (data = data === undefined ? value : `${data}\n${value}`), (comment = false);
  }
  return { raw, id, data, comment };
}
