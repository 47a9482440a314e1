import { connectAsync, type MqttClient } from 'mqtt';

/** One message a watcher saw. */
export interface SeenMessage {
  topic: string;
  payload: Buffer;
  text: string;
  /** Retained on subscribe, or (MQTT 5 Retain As Published) published retained. */
  retain: boolean;
}

/**
 * A real mqtt.js client that records everything it receives, for tests to wait on. It subscribes
 * with Retain As Published, so a message's retain flag is the publisher's.
 * @example
 * const w = await MqttWatcher.connect(broker.url);
 * await w.subscribe('auxio/#');
 * await w.waitFor((m) => m.topic === 'auxio/auxio/availability' && m.text === 'online');
 */
export class MqttWatcher {
  readonly messages: SeenMessage[] = [];
  readonly #client: MqttClient;
  readonly #waiters = new Set<() => void>();

  private constructor(client: MqttClient) {
    this.#client = client;
    client.on('message', (topic, payload, packet) => {
      this.messages.push({ topic, payload, text: payload.toString('utf8'), retain: packet.retain });
      for (const wake of [...this.#waiters]) wake();
    });
  }

  static async connect(url: string, options: { username?: string; password?: string; clientId?: string } = {}): Promise<MqttWatcher> {
    const client = await connectAsync(url, { protocolVersion: 5, reconnectPeriod: 200, connectTimeout: 5000, ...options });
    return new MqttWatcher(client);
  }

  async subscribe(filter: string): Promise<void> {
    await this.#client.subscribeAsync(filter, { qos: 1, rap: true });
  }

  async publish(topic: string, payload: string | Buffer, options: { retain?: boolean; qos?: 0 | 1 | 2 } = {}): Promise<void> {
    await this.#client.publishAsync(topic, payload, { qos: options.qos ?? 1, retain: options.retain ?? false });
  }

  /** The index of the next message: pass it as `from` to wait only for what comes after now. */
  mark(): number {
    return this.messages.length;
  }

  /** Resolves with the first message from `from` on that matches; rejects after `timeoutMs`. */
  waitFor(match: (m: SeenMessage) => boolean, options: { from?: number; timeoutMs?: number; what?: string } = {}): Promise<SeenMessage> {
    const from = options.from ?? 0;
    const timeoutMs = options.timeoutMs ?? 5000;
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        const found = this.messages.slice(from).find(match);
        if (!found) return false;
        cleanup();
        resolve(found);
        return true;
      };
      const timer = setTimeout(() => {
        cleanup();
        const seen = this.messages.slice(from).map((m) => `${m.topic}${m.retain ? ' (retained)' : ''}: ${m.text.slice(0, 120)}`);
        reject(new Error(`no MQTT message ${options.what ?? 'matching'} within ${timeoutMs} ms; saw:\n${seen.join('\n')}`));
      }, timeoutMs);
      const cleanup = (): void => {
        clearTimeout(timer);
        this.#waiters.delete(wake);
      };
      const wake = (): void => void check();
      this.#waiters.add(wake);
      check();
    });
  }

  /** Waits for a message on `topic` whose text is `text`. */
  waitForText(topic: string, text: string, options: { from?: number; timeoutMs?: number } = {}): Promise<SeenMessage> {
    return this.waitFor((m) => m.topic === topic && m.text === text, { ...options, what: `${topic} = ${JSON.stringify(text)}` });
  }

  /** Messages on `topic` from `from` on. */
  on(topic: string, from = 0): SeenMessage[] {
    return this.messages.slice(from).filter((m) => m.topic === topic);
  }

  async close(): Promise<void> {
    await this.#client.endAsync(true);
  }
}

/**
 * The retained messages under `filter`, as a new subscriber gets them: connects, subscribes, waits
 * until `quietMs` pass without a new one, disconnects.
 */
export async function retainedMessages(url: string, filter: string, quietMs = 100): Promise<Map<string, SeenMessage>> {
  const watcher = await MqttWatcher.connect(url);
  try {
    await watcher.subscribe(filter);
    let count = -1;
    while (count !== watcher.messages.length) {
      count = watcher.messages.length;
      await new Promise((r) => setTimeout(r, quietMs));
    }
    return new Map(watcher.messages.filter((m) => m.retain).map((m) => [m.topic, m]));
  } finally {
    await watcher.close();
  }
}
