import { roleAllows } from '../http/auth/index.ts';
import type { InputReader, RelayControl } from '../io/index.ts';
import type { Journal, JournalEvent } from '../journal/index.ts';
import { CommandRouter, type ScriptRunner } from './command-router.ts';
import { MqttConnection } from './connection.ts';
import { discoveryContext, discoveryEntries, discoveryTopic, type DiscoveryContext, type DiscoveryInventory } from './discovery.ts';
import { DiscoveryLedger } from './discovery-ledger.ts';
import { LinkJournal } from './link-journal.ts';
import type { MqttLog } from './log.ts';
import type { InputDiscoverySettings, MqttSettings } from './settings.ts';
import { SnapshotPublisher, type SnapshotIndex } from './snapshot-publisher.ts';
import { StatePublisher } from './state-publisher.ts';
import { deviceTopics, type DeviceTopics } from './topics.ts';
import type { OutgoingMessage } from './wire.ts';

/** Everything the MQTT part is handed, as one typed object. */
export interface MqttServiceDeps {
  settings: MqttSettings;
  /** `io.inputs[]`, for each input's `device_class`. */
  inputSettings: readonly InputDiscoverySettings[];
  /** The shared broker connection (see `createMqttConnection`). */
  connection: MqttConnection;
  journal: Pick<Journal, 'subscribe' | 'getState' | 'putState' | 'append'>;
  inputs: InputReader;
  relays: RelayControl;
  scripts: ScriptRunner;
  snapshots: SnapshotIndex;
  version: string;
  supportUrl?: string | undefined;
  log: MqttLog;
}

/** Journal kinds that change what Home Assistant should see as entities (names, script entries). */
const DISCOVERY_KINDS: ReadonlySet<JournalEvent['kind']> = new Set(['script', 'channel']);

/** Creates the broker connection the settings describe: availability topic, will, back-off, queue. */
export function createMqttConnection(settings: MqttSettings, log: MqttLog): MqttConnection {
  if (!settings.url) throw new TypeError('mqtt.url is not set');
  return new MqttConnection({
    url: settings.url,
    username: settings.username,
    password: settings.password,
    clientId: settings.client_id ?? `auxio_${settings.device_id}`,
    keepaliveS: settings.keepalive_s,
    protocolVersion: settings.protocol_version,
    reconnect: { minMs: settings.reconnect_min_ms, maxMs: settings.reconnect_max_ms },
    queueMax: settings.queue_max,
    availability: { topic: deviceTopics(settings.base_topic, settings.device_id).availability },
    log,
  });
}

/**
 * auxio over MQTT: states from the journal, commands to the relays and scripts, and Home
 * Assistant discovery. On every connect and on Home Assistant's `online`, configs go out first,
 * then the current states. It does not start or stop the connection, which others may share.
 */
export class MqttService {
  readonly topics: DeviceTopics;
  readonly #d: MqttServiceDeps;
  readonly #ctx: DiscoveryContext;
  readonly #ledger: DiscoveryLedger;
  readonly #snapshots: SnapshotPublisher;
  readonly #states: StatePublisher;
  readonly #commands: CommandRouter;
  readonly #link: LinkJournal;
  #off: Array<() => void> = [];

  constructor(deps: MqttServiceDeps) {
    const { settings } = deps;
    this.#d = deps;
    this.topics = deviceTopics(settings.base_topic, settings.device_id);
    if (deps.connection.availabilityTopic !== this.topics.availability) {
      throw new TypeError(`the connection announces availability on ${deps.connection.availabilityTopic}, not ${this.topics.availability}`);
    }
    this.#ctx = discoveryContext(
      {
        prefix: settings.home_assistant.discovery_prefix,
        deviceId: settings.device_id,
        deviceName: settings.home_assistant.device_name,
        version: deps.version,
        configurationUrl: settings.public_url,
        supportUrl: deps.supportUrl,
      },
      this.topics,
    );
    this.#ledger = new DiscoveryLedger(deps.journal);
    const publish = (m: OutgoingMessage): void => deps.connection.publish(m.topic, m.payload, { retain: m.retain, qos: 1 });
    this.#snapshots = new SnapshotPublisher({
      publish,
      topics: this.topics,
      store: deps.snapshots,
      publicUrl: settings.public_url,
      image: settings.home_assistant.snapshot_image,
      log: deps.log,
    });
    this.#states = new StatePublisher({ publish, topics: this.topics, inputs: deps.inputs, relays: deps.relays, snapshots: this.#snapshots });
    this.#link = new LinkJournal(deps.connection, deps.journal);
    this.#commands = new CommandRouter({
      connection: deps.connection,
      topics: this.topics,
      relays: deps.relays,
      scripts: deps.scripts,
      role: settings.command_role,
      actor: `mqtt:${settings.username ?? deps.connection.clientId}`,
      log: deps.log,
    });
  }

  /** Listens to the journal, the connection and Home Assistant; publishes at once if connected. */
  async start(): Promise<void> {
    const { connection, journal, settings } = this.#d;
    this.#off.push(journal.subscribe('mqtt-states', (event) => this.#onEntry(event)));
    // Before the republish on connect: the journal says the broker is back before MQTT does.
    this.#link.start();
    this.#off.push(() => this.#link.stop());
    this.#off.push(connection.on('connected', () => this.republish()));
    if (settings.home_assistant.enabled) {
      this.#off.push(connection.subscribe(settings.home_assistant.status_topic, (m) => {
        // A retained `online` comes with every connect, which republishes anyway.
        if (!m.retain && m.payload.toString('utf8').trim() === 'online') this.republish();
      }));
    }
    this.#commands.start();
    if (connection.isConnected()) this.republish();
  }

  /** Stops listening; the connection stays up for whoever else uses it. */
  async stop(): Promise<void> {
    this.#commands.stop();
    for (const off of this.#off) off();
    this.#off = [];
    await this.#snapshots.stop();
  }

  /** Discovery configs (removing those no longer offered), then every current state. */
  republish(): void {
    this.#publishDiscovery();
    this.#states.publishAll();
  }

  /** Settles when no picture is being read for publishing (tests). */
  idle(): Promise<void> {
    return this.#snapshots.idle();
  }

  #onEntry(event: JournalEvent): void {
    this.#states.onEntry(event);
    // While the broker is away, the next connect publishes the configs anyway.
    if (DISCOVERY_KINDS.has(event.kind) && this.#d.connection.isConnected()) this.#publishDiscovery();
  }

  #publishDiscovery(): void {
    const { connection, settings } = this.#d;
    const entries = settings.home_assistant.enabled ? discoveryEntries(this.#ctx, this.#inventory()) : [];
    const topics = entries.map((entry) => discoveryTopic(this.#ctx, entry));
    // An empty retained config removes the entity from Home Assistant and the broker.
    for (const gone of this.#ledger.replace(topics)) connection.publish(gone, '', { retain: true });
    entries.forEach((entry, i) => connection.publish(topics[i]!, JSON.stringify(entry.config), { retain: true }));
  }

  #inventory(): DiscoveryInventory {
    const { inputs, relays, scripts, inputSettings, settings } = this.#d;
    return {
      inputs: inputs.inputs().map(({ index, name }) => ({ index, name, deviceClass: inputSettings[index - 1]?.device_class })),
      relays: relays.outputs().map(({ index, name }) => ({ index, name })),
      scriptEntries: scripts.entries().length,
      snapshotImage: settings.home_assistant.snapshot_image,
      commands: roleAllows(settings.command_role, 'operator'),
    };
  }
}
