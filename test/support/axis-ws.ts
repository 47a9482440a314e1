import WebSocket from 'ws';

export interface AxisEvent {
  topic: string;
  timestamp: number;
  source: Record<string, string>;
  data: Record<string, string>;
}

/** A WebSocket client doing the Axis event exchange as AXIS-EVENTS.md describes it. */
export class AxisEventClient {
  readonly frames: string[] = [];
  readonly events: AxisEvent[] = [];
  readonly #receivedAt = new WeakMap<AxisEvent, number>();
  #waiters: Array<() => void> = [];

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data, isBinary) => {
      if (isBinary) throw new Error('the server sent a binary frame');
      const text = data.toString();
      this.frames.push(text);
      const msg = JSON.parse(text) as { method?: string; params?: { notification?: { topic: string; timestamp: number; message: { source: Record<string, string>; data: Record<string, string> } } } };
      const n = msg.params?.notification;
      if (msg.method === 'events:notify' && n) {
        const event = { topic: n.topic, timestamp: n.timestamp, source: n.message.source, data: n.message.data };
        this.#receivedAt.set(event, Date.now());
        this.events.push(event);
      }
      for (const w of this.#waiters.splice(0)) w();
    });
  }

  /** Gets a token over HTTP (Basic), then upgrades with it. */
  static async withToken(base: string, user = 'root', password = 'pass'): Promise<AxisEventClient> {
    const token = await fetchToken(base, user, password);
    return AxisEventClient.connect(`${base.replace(/^http/, 'ws')}/vapix/ws-data-stream?sources=events&wssession=${token}`);
  }

  static connect(url: string, headers: Record<string, string> = {}): Promise<AxisEventClient> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, { headers });
      ws.once('open', () => resolve(new AxisEventClient(ws)));
      ws.once('unexpected-response', (_req, res) => reject(Object.assign(new Error(`refused: ${res.statusCode}`), { status: res.statusCode })));
      ws.once('error', reject);
    });
  }

  /** When this client received an event (ms epoch), for latency figures. */
  receivedAt(event: AxisEvent): number {
    return this.#receivedAt.get(event) ?? NaN;
  }

  configure(filters: string[] = ['//.'], context = 'ctx-1'): void {
    this.ws.send(JSON.stringify({ apiVersion: '1.0', context, method: 'events:configure', params: { eventFilterList: filters.map((topicFilter) => ({ topicFilter })) } }));
  }

  /** Resolves once `predicate` holds, re-checked on every frame; rejects after `ms`. */
  async until(predicate: () => boolean, ms = 3000): Promise<void> {
    const deadline = Date.now() + ms;
    while (!predicate()) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out; frames so far:\n${this.frames.slice(-5).join('\n')}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.#waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  close(): void {
    this.ws.terminate();
  }
}

export async function fetchToken(base: string, user = 'root', password = 'pass'): Promise<string> {
  const res = await fetch(`${base}/axis-cgi/wssession.cgi`, { headers: { authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` } });
  if (res.status !== 200) throw new Error(`wssession.cgi answered ${res.status}`);
  return res.text();
}
