/** MQTT quality of service. */
export type QoS = 0 | 1 | 2;

/** One message waiting for the broker. */
export interface QueuedMessage {
  topic: string;
  payload: string | Buffer;
  retain: boolean;
  qos: QoS;
}

/**
 * The bounded queue of messages published while the broker is away. A retained message replaces
 * the one queued for its topic (only the latest state matters); past `max`, the oldest
 * non-retained message goes first, then the oldest retained one.
 */
export class Outbox {
  readonly #max: number;
  // Insertion-ordered: retained messages keyed by topic, the others by a counter.
  readonly #items = new Map<string | number, QueuedMessage>();
  #next = 0;
  #dropped = 0;

  constructor(options: { max: number }) {
    if (!Number.isSafeInteger(options.max) || options.max < 0) throw new RangeError(`max must be an integer >= 0, got ${options.max}`);
    this.#max = options.max;
  }

  /** Messages waiting. */
  get size(): number {
    return this.#items.size;
  }

  /** Messages dropped for lack of room since this outbox was made. */
  get dropped(): number {
    return this.#dropped;
  }

  push(message: QueuedMessage): void {
    if (message.retain) {
      const key = `retained:${message.topic}`;
      this.#items.delete(key);
      this.#items.set(key, message);
    } else {
      this.#items.set(this.#next++, message);
    }
    while (this.#items.size > this.#max) this.#evictOne();
  }

  /** Drops the retained message queued for `topic`: a newer one went out directly. */
  forgetRetained(topic: string): void {
    this.#items.delete(`retained:${topic}`);
  }

  /** Every waiting message, oldest first; the outbox is empty afterwards. */
  drain(): QueuedMessage[] {
    const all = [...this.#items.values()];
    this.#items.clear();
    return all;
  }

  #evictOne(): void {
    let victim: string | number | undefined;
    for (const [key, message] of this.#items) {
      if (!message.retain) {
        victim = key;
        break;
      }
      victim ??= key;
    }
    if (victim === undefined) return;
    this.#items.delete(victim);
    this.#dropped++;
  }
}
