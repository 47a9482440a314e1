import { connectAsync, type MqttClient } from 'mqtt';

/** What the MQTT subscriber received on auxio's topics. */
export interface MqttStats {
  /** `input/<n>/event` messages per input: `[rising, falling]`. */
  events: Map<number, [number, number]>;
  /** Event messages whose seq was not above the previous one on that input (a resend or reorder). */
  outOfOrder: number;
  /** The last `input/<n>/pulses` total per input. */
  pulses: Map<number, number>;
  /** Pulse totals that went backwards. */
  pulsesBackwards: number;
  /** Highest event seq seen, any input. */
  lastSeq: number;
  /** Times this subscriber lost its connection (messages in such a gap are not auxio's loss). */
  disconnects: number;
  messages: number;
  /** auxio's availability as last published. */
  availability: string | null;
  /** mosquitto's own count of messages it dropped (a subscriber's queue full), from `$SYS`. */
  brokerDropped: number;
}

// Published every sys_interval (10 s by default).
const DROPPED = '$SYS/broker/publish/messages/dropped';

/**
 * An MQTT subscriber on `<base>/#` (QoS 1) that counts auxio's per-edge event messages and checks
 * the pulse totals, keeping counts only.
 */
export class MqttCounter {
  readonly stats: MqttStats = { events: new Map(), outOfOrder: 0, pulses: new Map(), pulsesBackwards: 0, lastSeq: 0, disconnects: 0, messages: 0, availability: null, brokerDropped: 0 };
  readonly #lastSeq = new Map<number, number>();

  private constructor(
    readonly client: MqttClient,
    readonly base: string,
  ) {
    client.on('message', (topic, payload) => this.#message(topic, payload.toString('utf8')));
    client.on('close', () => this.stats.disconnects++);
  }

  /** Connects and subscribes; resolves once the broker granted the subscription. */
  static async connect(url: string, base = 'auxio/auxio'): Promise<MqttCounter> {
    const client = await connectAsync(url, { protocolVersion: 5, clientId: `soak_${process.pid}`, reconnectPeriod: 500 });
    const counter = new MqttCounter(client, base);
    await client.subscribeAsync(`${base}/#`, { qos: 1 });
    await client.subscribeAsync(DROPPED, { qos: 0 });
    return counter;
  }

  async close(): Promise<void> {
    this.client.removeAllListeners('close');
    await this.client.endAsync(true);
  }

  #message(topic: string, text: string): void {
    if (topic === DROPPED) return void (this.stats.brokerDropped = Number(text));
    this.stats.messages++;
    if (topic === `${this.base}/availability`) this.stats.availability = text;
    const m = /^input\/(\d+)\/(event|pulses)$/.exec(topic.slice(this.base.length + 1));
    if (!m) return;
    const input = Number(m[1]);
    if (m[2] === 'pulses') return this.#pulses(input, Number(text));
    const event = JSON.parse(text) as { event_type: string; seq: number };
    if (event.seq <= (this.#lastSeq.get(input) ?? 0)) this.stats.outOfOrder++;
    this.#lastSeq.set(input, event.seq);
    this.stats.lastSeq = Math.max(this.stats.lastSeq, event.seq);
    const counts = this.stats.events.get(input) ?? [0, 0];
    counts[event.event_type === 'rising' ? 0 : 1]++;
    this.stats.events.set(input, counts);
  }

  #pulses(input: number, total: number): void {
    if (total < (this.stats.pulses.get(input) ?? 0)) this.stats.pulsesBackwards++;
    this.stats.pulses.set(input, total);
  }
}
