import type { IClientOptions, IPublishPacket, MqttClient, Store } from 'mqtt';
import { redactUrl, silentLog, type MqttLog } from './log.ts';
import { Outbox, type QoS } from './outbox.ts';
import { reconnectDelay, type BackoffBounds } from './reconnect-delay.ts';
import { isPublishTopic, topicMatches } from './topic-match.ts';

/** How to reach the broker and what to say when auxio comes and goes. */
export interface MqttConnectionOptions {
  /** `mqtt://host:1883` or `mqtts://host:8883`. */
  url: string;
  username?: string | undefined;
  /** Sent to the broker only; never logged. */
  password?: string | undefined;
  clientId: string;
  /** Default 30. */
  keepaliveS?: number;
  /** 5 (default) keeps the retain flag of live messages (Retain As Published); 4 for old brokers. */
  protocolVersion?: 4 | 5;
  /** Default 10 000. */
  connectTimeoutMs?: number;
  /** Default 1 s doubling up to 60 s. */
  reconnect?: BackoffBounds;
  /** Messages held while the broker is away; default 1000. */
  queueMax?: number;
  /** Retained `online` on every connect, retained `offline` as the last will and on `stop()`. */
  availability: { topic: string; online?: string; offline?: string };
  log?: MqttLog;
  /** Jitter source for the back-off (tests). */
  random?: () => number;
}

/** What the connection tells its users. */
export interface MqttConnectionEvents {
  /** Connected, `online` published, subscriptions renewed; queued messages go out right after. */
  connected: () => void;
  /** The connection was lost (or ended); `reason` is the last error, if any. */
  disconnected: (reason: string | null) => void;
  /** A connect failed or the link was lost: attempt `attempt` follows after `delayMs`. */
  retrying: (info: { attempt: number; delayMs: number; reason: string | null }) => void;
}

/** How one message is published. */
export interface PublishOptions {
  /** Default false. */
  retain?: boolean;
  /** Default 1. */
  qos?: QoS;
}

/** How one filter is subscribed. */
export interface SubscribeOptions {
  /** Default 1. */
  qos?: QoS;
  /** MQTT 5: deliver live messages with the retain flag they were published with (commands). */
  retainAsPublished?: boolean;
}

/** A message from the broker. */
export interface MqttMessage {
  topic: string;
  payload: Buffer;
  /** Set for a retained message sent on subscribe, and (MQTT 5, retainAsPublished) for a live one published retained. */
  retain: boolean;
  /** Set when the broker resends a QoS > 0 message it may have delivered before. */
  dup: boolean;
  qos: QoS;
  /** The packet id (QoS > 0 only). */
  messageId: number | undefined;
}

/** Told of each message on a subscribed filter; a throw is logged, never fatal. */
export type MessageHandler = (message: MqttMessage) => void;

/** Where the connection points, without credentials (status pages, VAPIX getClientStatus). */
export interface ConnectionInfo {
  url: string;
  protocol: string;
  host: string;
  port: number;
  clientId: string;
  connected: boolean;
}

const STOP_TIMEOUT_MS = 2000;

/**
 * One broker connection that every MQTT user of auxio shares (Home Assistant, the Axis MQTT route).
 * It announces availability (retained `online` on each connect, `offline` as will and on stop),
 * reconnects with back-off, keeps subscriptions across reconnects, and holds what is published
 * while the broker is away in a bounded queue. auxio works the same without a broker.
 * @example
 * const conn = new MqttConnection({ url: 'mqtt://127.0.0.1:1883', clientId: 'auxio_gate', availability: { topic: 'auxio/gate/availability' } });
 * conn.subscribe('auxio/gate/relay/+/set', (m) => console.log(m.topic, String(m.payload)), { retainAsPublished: true });
 * await conn.start();
 * conn.publish('auxio/gate/relay/1/state', 'ON', { retain: true });
 */
export class MqttConnection {
  readonly clientId: string;
  readonly availabilityTopic: string;
  readonly #o: MqttConnectionOptions;
  readonly #log: MqttLog;
  readonly #outbox: Outbox;
  readonly #subs = new Map<string, { options: SubscribeOptions; handlers: Set<MessageHandler> }>();
  readonly #listeners: { [K in keyof MqttConnectionEvents]: Set<MqttConnectionEvents[K]> } = {
    connected: new Set(),
    disconnected: new Set(),
    retrying: new Set(),
  };
  #client: MqttClient | null = null;
  #starting = false;
  #connected = false;
  #stopping = false;
  #attempt = 0;
  #retryTimer: NodeJS.Timeout | null = null;
  #lastError: string | null = null;

  constructor(options: MqttConnectionOptions) {
    if (!/^mqtts?:\/\//.test(options.url)) throw new TypeError(`an MQTT url starts with mqtt:// or mqtts://, got ${redactUrl(options.url)}`);
    if (!isPublishTopic(options.availability.topic)) throw new TypeError(`bad availability topic "${options.availability.topic}"`);
    this.#o = options;
    this.#log = options.log ?? silentLog;
    this.#outbox = new Outbox({ max: options.queueMax ?? 1000 });
    this.clientId = options.clientId;
    this.availabilityTopic = options.availability.topic;
  }

  /** Starts connecting in the background; resolves at once: auxio never waits for a broker. */
  async start(): Promise<void> {
    if (this.#client || this.#starting) return;
    this.#starting = true;
    this.#stopping = false;
    // Loaded only when there is a broker to talk to: a third of a second of every start otherwise.
    const { connect } = await import('mqtt').finally(() => (this.#starting = false));
    if (this.#stopping) return;
    const client = connect(this.#o.url, this.#clientOptions());
    this.#client = client;
    client.on('connect', () => this.#onConnect(client));
    client.on('close', () => this.#onClose(client));
    client.on('error', (err) => {
      this.#lastError = err.message;
      this.#log.debug({ err: err.message }, 'MQTT connection error');
    });
    client.on('message', (topic, payload, packet) => this.#dispatch(topic, payload, packet));
    this.#log.info({ url: redactUrl(this.#o.url), clientId: this.clientId }, 'MQTT connecting');
  }

  /** Publishes `offline` (when connected), then disconnects cleanly; queued messages are dropped. */
  async stop(): Promise<void> {
    this.#stopping = true; // also when a start is still loading mqtt: it then connects nothing
    const client = this.#client;
    if (!client) return;
    if (this.#retryTimer) clearTimeout(this.#retryTimer);
    this.#retryTimer = null;
    if (this.#connected) {
      const { topic, offline = 'offline' } = this.#o.availability;
      await withTimeout(client.publishAsync(topic, offline, { qos: 1, retain: true })).catch((err: Error) =>
        this.#log.warn({ err: err.message }, 'MQTT could not say offline'),
      );
    }
    const ended = await withTimeout(client.endAsync(!this.#connected)).then(() => true, () => false);
    // A broker that stops answering mid-goodbye must not hold up auxio's shutdown.
    if (!ended) client.stream?.destroy();
    this.#client = null;
    this.#connected = false;
    const unsent = this.#outbox.drain().length;
    if (unsent > 0) this.#log.warn({ unsent }, 'MQTT stopped with messages the broker never got');
  }

  isConnected(): boolean {
    return this.#connected;
  }

  /** Publishes now, or queues (bounded) while the broker is away. Commands are never to be published retained. */
  publish(topic: string, payload: string | Buffer, options: PublishOptions = {}): void {
    if (!isPublishTopic(topic)) throw new TypeError(`cannot publish to "${topic}"`);
    const message = { topic, payload, retain: options.retain ?? false, qos: options.qos ?? 1 };
    const client = this.#client;
    if (!this.#connected || !client) {
      this.#outbox.push(message);
      return;
    }
    // What goes out now is newer than anything queued for the same retained topic.
    if (message.retain) this.#outbox.forgetRetained(topic);
    this.#send(client, message);
  }

  /** Subscribes `handler` to `filter`, now and after every reconnect. Returns the unsubscribe. */
  subscribe(filter: string, handler: MessageHandler, options: SubscribeOptions = {}): () => void {
    if (filter.length === 0 || filter.includes('\u0000')) throw new TypeError(`bad topic filter "${filter}"`);
    let sub = this.#subs.get(filter);
    if (!sub) {
      sub = { options, handlers: new Set() };
      this.#subs.set(filter, sub);
      if (this.#connected && this.#client) this.#sendSubscribe(this.#client, filter, options);
    }
    const entry = sub;
    entry.handlers.add(handler);
    return () => {
      entry.handlers.delete(handler);
      if (entry.handlers.size > 0 || this.#subs.get(filter) !== entry) return;
      this.#subs.delete(filter);
      if (this.#connected && this.#client) this.#client.unsubscribe(filter);
    };
  }

  /** Listens for `connected` / `disconnected`. Returns the removal. */
  on<K extends keyof MqttConnectionEvents>(event: K, listener: MqttConnectionEvents[K]): () => void {
    const set = this.#listeners[event] as Set<MqttConnectionEvents[K]>;
    set.add(listener);
    return () => void set.delete(listener);
  }

  /** Messages waiting for the broker, and how many were dropped for lack of room. */
  queue(): { waiting: number; dropped: number } {
    return { waiting: this.#outbox.size, dropped: this.#outbox.dropped };
  }

  info(): ConnectionInfo {
    const url = new URL(this.#o.url);
    const protocol = url.protocol.replace(':', '');
    const port = url.port ? Number(url.port) : protocol === 'mqtts' ? 8883 : 1883;
    return { url: redactUrl(this.#o.url), protocol, host: url.hostname, port, clientId: this.clientId, connected: this.#connected };
  }

  #clientOptions(): IClientOptions {
    const { topic, offline = 'offline' } = this.#o.availability;
    return {
      clientId: this.clientId,
      username: this.#o.username,
      password: this.#o.password,
      keepalive: this.#o.keepaliveS ?? 30,
      protocolVersion: this.#o.protocolVersion ?? 5,
      // A clean session: commands sent while auxio was away are not replayed hours later.
      clean: true,
      connectTimeout: this.#o.connectTimeoutMs ?? 10_000,
      // Reconnects are ours, with back-off; subscriptions are renewed by us on each connect.
      reconnectPeriod: 0,
      resubscribe: false,
      queueQoSZero: false,
      will: { topic, payload: Buffer.from(offline), qos: 1, retain: true },
    };
  }

  #onConnect(client: MqttClient): void {
    if (client !== this.#client) return;
    this.#connected = true;
    this.#attempt = 0;
    this.#lastError = null;
    const { topic, online = 'online' } = this.#o.availability;
    client.publish(topic, online, { qos: 1, retain: true });
    for (const [filter, sub] of this.#subs) this.#sendSubscribe(client, filter, sub.options);
    this.#log.info({ url: redactUrl(this.#o.url), clientId: this.clientId }, 'MQTT connected');
    this.#emit('connected');
    // After the listeners' fresh state, so nothing stale overwrites it; events keep their order.
    for (const message of this.#outbox.drain()) this.#send(client, message);
  }

  #onClose(client: MqttClient): void {
    if (client !== this.#client) return;
    const wasConnected = this.#connected;
    this.#connected = false;
    if (wasConnected) {
      if (!this.#stopping) this.#log.warn({ reason: this.#lastError }, 'MQTT disconnected; auxio keeps working and will reconnect');
      this.#emit('disconnected', this.#lastError);
    }
    if (this.#stopping || this.#retryTimer) return;
    const delay = reconnectDelay(this.#attempt++, this.#o.reconnect ?? { minMs: 1000, maxMs: 60_000 }, this.#o.random);
    const log = this.#attempt === 1 && !wasConnected ? this.#log.warn : this.#log.debug;
    log.call(this.#log, { reason: this.#lastError, delayMs: delay, attempt: this.#attempt }, 'MQTT broker unreachable; retrying');
    this.#emit('retrying', { attempt: this.#attempt, delayMs: delay, reason: this.#lastError });
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = null;
      if (this.#stopping || client !== this.#client) return;
      // Keep the stores: QoS 1 messages in flight when the link broke are sent again.
      client.reconnect({ incomingStore: client.incomingStore as Store, outgoingStore: client.outgoingStore as Store });
    }, delay);
    this.#retryTimer.unref();
  }

  #send(client: MqttClient, message: { topic: string; payload: string | Buffer; retain: boolean; qos: QoS }): void {
    client.publish(message.topic, message.payload, { qos: message.qos, retain: message.retain }, (err) => {
      if (err) this.#log.debug({ err: err.message, topic: message.topic }, 'MQTT publish not confirmed');
    });
  }

  #sendSubscribe(client: MqttClient, filter: string, options: SubscribeOptions): void {
    const v5 = (this.#o.protocolVersion ?? 5) === 5;
    const qos = options.qos ?? 1;
    client.subscribe(filter, v5 ? { qos, rap: options.retainAsPublished ?? false } : { qos }, (err, granted) => {
      if (err || granted?.some((g) => g.qos === 128)) {
        this.#log.warn({ filter, err: err?.message ?? 'refused by the broker' }, 'MQTT subscription failed');
      }
    });
  }

  #dispatch(topic: string, payload: Buffer, packet: IPublishPacket): void {
    const message: MqttMessage = { topic, payload, retain: packet.retain, dup: packet.dup, qos: packet.qos, messageId: packet.messageId };
    for (const [filter, sub] of this.#subs) {
      if (!topicMatches(filter, topic)) continue;
      for (const handler of [...sub.handlers]) {
        try {
          handler(message);
        } catch (err) {
          this.#log.error({ err, filter, topic }, 'MQTT message handler failed');
        }
      }
    }
  }

  #emit<K extends keyof MqttConnectionEvents>(event: K, ...args: Parameters<MqttConnectionEvents[K]>): void {
    for (const listener of [...this.#listeners[event]]) {
      try {
        (listener as (...a: unknown[]) => void)(...args);
      } catch (err) {
        this.#log.error({ err, event }, 'MQTT connection listener failed');
      }
    }
  }
}

function withTimeout<T>(promise: Promise<T>, ms = STOP_TIMEOUT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
