import type { InputReader, OutputState } from '../io/index.ts';
import type { Journal, JournalEvent } from '../journal/index.ts';
import { journalNotification, portNotification, topicMatches, type AxisNotification } from '../http/axis-events/notifications.ts';
import { listPorts } from '../http/vapix/ports.ts';
import type { MqttConnection } from './connection.ts';
import { defaultAxisMqttSettings, type AxisEventFilter, type AxisMqttSettings } from './axis-bridge-settings.ts';

const STATE_KEY = 'axis-mqtt';

export interface AxisEventBridgeOptions {
  connection: MqttConnection;
  journal: Journal;
  io: InputReader & { outputs(): OutputState[] };
  serial: string;
}

/** Axis MQTT payloads write the namespaces `onvif:` and `axis:`; clients rewrite them to tns1/tnsaxis. */
function mqttTopicOf(topic: string): string {
  return topic.replace(/^tns1:/, 'onvif:').replace(/\/tnsaxis:/g, '/axis:');
}

/**
 * The Axis "MQTT event bridge": while the Axis MQTT client is active, every port state and change
 * is published retained under `<deviceTopicPrefix>/event/...` in Axis's format, and nothing else is
 * ever published there (Axis clients parse every message under the prefix as an event).
 */
export class AxisEventBridge {
  #settings: AxisMqttSettings;
  #unsubscribe: (() => void) | null = null;
  #offConnected: (() => void) | null = null;

  constructor(private readonly o: AxisEventBridgeOptions) {
    this.#settings = o.journal.getState<AxisMqttSettings>(STATE_KEY) ?? defaultAxisMqttSettings(o.serial);
  }

  settings(): AxisMqttSettings {
    return structuredClone(this.#settings);
  }

  /** Whether `mqtt-client` belongs in API discovery: enabled, and the broker connected. */
  listed(): boolean {
    return this.#settings.active && this.o.connection.isConnected();
  }

  connected(): boolean {
    return this.o.connection.isConnected();
  }

  start(): void {
    this.#unsubscribe = this.o.journal.subscribe('axis-mqtt-bridge', (e) => this.#onJournal(e));
    this.#offConnected = this.o.connection.on('connected', () => this.#publishStates());
    this.#publishStates();
  }

  stop(): void {
    this.#unsubscribe?.();
    this.#offConnected?.();
  }

  /** Applies new settings (persisted); an activation publishes every port's state at once. */
  update(change: Partial<AxisMqttSettings>): void {
    const wasActive = this.#settings.active;
    this.#settings = { ...this.#settings, ...change };
    this.o.journal.putState({ [STATE_KEY]: this.#settings });
    if (this.#settings.active && !wasActive) this.#publishStates();
  }

  #publishStates(): void {
    if (!this.#settings.active) return;
    // A state's time is its last change, so a republish (restart, broker restart) is byte for byte the same.
    for (const port of this.#ports()) this.#publish(portNotification(port, port.state.lastChange ?? 0));
  }

  #onJournal(event: JournalEvent): void {
    if (!this.#settings.active) return;
    const n = journalNotification(event, this.#ports());
    if (n) this.#publish(n);
  }

  #ports() {
    return listPorts(this.o.io.inputs(), this.o.io.outputs());
  }

  #publish(n: AxisNotification): void {
    const topic = mqttTopicOf(n.topic);
    const filter = this.#settings.publication.eventFilterList.find((f) => topicMatches(f.topicFilter, topic));
    if (!filter) return;
    const port = Object.values(n.message.source)[0] ?? '';
    const payload = {
      timestamp: n.timestamp,
      topic,
      message: n.message,
      ...(this.#settings.publication.includeSerialNumberInPayload ? { serialNumber: this.o.serial } : {}),
    };
    this.o.connection.publish(this.#topicFor(topic, port), JSON.stringify(payload), { retain: retainOf(filter), qos: filter.qos });
  }

  /** `<prefix>/<event topic>/<port>`: one retained message per port, not one per topic. */
  #topicFor(eventTopic: string, port: string): string {
    const p = this.#settings.publication;
    const prefix = p.topicPrefix === 'custom' && p.customTopicPrefix ? p.customTopicPrefix : `${this.#settings.deviceTopicPrefix}/event`;
    if (!p.appendEventTopic) return `${prefix}/${port}`;
    const path = p.includeTopicNamespaces ? eventTopic : eventTopic.replace(/(^|\/)[a-z0-9]+:/gi, '$1');
    return `${prefix}/${path}/${port}`;
  }
}

// Port states are properties: `property` and `all` both retain them.
const retainOf = (filter: AxisEventFilter): boolean => filter.retain !== 'none';
