/** What identifies a delivery of a QoS > 0 message. */
export interface Delivery {
  topic: string;
  payload: Buffer;
  qos: 0 | 1 | 2;
  dup: boolean;
  messageId: number | undefined;
}

/**
 * Spots a QoS 1 message delivered again: the broker resends with the DUP flag when it did not get
 * our PUBACK (MQTT 5.0 §4.3.2), and a command must not run twice. A packet id is reused for new
 * messages, so only a DUP delivery of a recently seen id, topic and payload counts as a repeat.
 */
export class RecentMessages {
  readonly #max: number;
  readonly #ttlMs: number;
  readonly #clock: () => number;
  readonly #seen = new Map<string, { payload: Buffer; at: number }>();

  constructor(options: { max?: number; ttlMs?: number; clock?: () => number } = {}) {
    this.#max = options.max ?? 256;
    this.#ttlMs = options.ttlMs ?? 5 * 60_000;
    this.#clock = options.clock ?? Date.now;
  }

  /** True when this delivery repeats one already taken; otherwise remembers it. */
  isRepeat(delivery: Delivery): boolean {
    if (delivery.qos === 0 || delivery.messageId === undefined) return false;
    const key = `${delivery.messageId}\u0000${delivery.topic}`;
    const now = this.#clock();
    const seen = this.#seen.get(key);
    if (delivery.dup && seen && now - seen.at <= this.#ttlMs && seen.payload.equals(delivery.payload)) return true;
    this.#seen.delete(key);
    this.#seen.set(key, { payload: Buffer.from(delivery.payload), at: now });
    if (this.#seen.size > this.#max) this.#seen.delete(this.#seen.keys().next().value!);
    return false;
  }
}
