import { join, resolve } from 'node:path';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { pino, type Logger } from 'pino';
import type { FastifyInstance } from 'fastify';
import { backendKinds, type Config } from './config/index.ts';
import { Journal, JournalRetention } from './journal/index.ts';
import { AxisEventBridge, createMqttConnection, MqttService } from './mqtt/index.ts';
import { resolveIdentity } from './http/vapix/index.ts';
import { buildHub, type IoHub } from './io/index.ts';
import { Authenticator } from './http/auth/index.ts';
import { UserStore } from './http/users/user-store.ts';
import { buildServer } from './http/server.ts';
import { loadTls } from './http/tls.ts';
import { FACTORY_PASSWORD_WARNING } from './http/routes/api-status.ts';
import { ScriptEngine, ScriptFile } from './rules/index.ts';
import { createSource, ImageBuffer, SnapshotService, SnapshotStore, storageFullMessage } from './snapshot/index.ts';
import { UploadService } from './uploads/index.ts';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

/** auxio's version, from package.json. */
export const VERSION = pkg.version;

export interface AppOptions {
  config: Config;
  /** Where log lines go (default: stdout). */
  logger?: Logger;
}

/** A running auxio: every part wired together, started and stopped as one. */
export interface App {
  readonly config: Config;
  readonly hub: IoHub;
  readonly journal: Journal;
  readonly http: FastifyInstance;
  readonly engine: ScriptEngine;
  readonly snapshots: SnapshotService;
  /** The bound HTTP address once started. */
  address(): AddressInfo;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** Builds auxio from a validated config. Nothing touches the hardware or the network until `start`. */
export async function createApp(options: AppOptions): Promise<App> {
  const { config } = options;
  const log = options.logger ?? pino({ level: config.log.level });
  const dataDir = resolve(config.data_dir);
  const journal = new Journal({
    file: join(dataDir, 'auxio.db'),
    synchronous: config.journal.synchronous,
    onListenerError: (owner, err, event) => log.error({ err, owner, seq: event.seq, kind: event.kind }, 'journal listener failed'),
  });
  const { hub } = await buildHub(config.io, journal);
  const retention = new JournalRetention({
    journal,
    policy: { maxAgeDays: config.journal.retention.max_age_days, maxEvents: config.journal.retention.max_events },
    onPruned: (count) => log.info({ count }, 'journal retention removed the oldest entries'),
    onError: (err) => log.error({ err }, 'journal retention failed'),
  });
  const users = new UserStore({ db: journal.db, realm: config.http.realm });
  const authenticator = new Authenticator({
    realm: config.http.realm,
    users,
    digestAlgorithms: [...config.http.digest_algorithms],
    allowBasic: config.http.basic,
  });
  const snapshots = new SnapshotService({
    sources: await Promise.all(config.snapshot.sources.map(createSource)),
    defaultSource: config.snapshot.default_source ?? config.snapshot.sources[0]!.name,
    store: new SnapshotStore({
      db: journal.db,
      dir: join(dataDir, 'snapshots'),
      retention: {
        maxAgeDays: config.snapshot.retention.max_age_days,
        maxCount: config.snapshot.retention.max_count,
        maxBytes: config.snapshot.retention.max_bytes,
      },
      onRetentionError: (err) => log.error({ err }, 'snapshot retention failed'),
    }),
    journal,
    size: { width: config.snapshot.width, height: config.snapshot.height },
    minFreeBytes: config.snapshot.min_free_bytes,
    onStorageChange: (state) =>
      state.full ? log.warn({ ...state }, storageFullMessage(state)) : log.info({ ...state }, 'the disk has room again: pictures are stored'),
  });
  const uploads = new UploadService({ config: config.uploads, store: snapshots.store, journal });
  const buffers = new ImageBuffer(snapshots);
  const engine = new ScriptEngine({
    file: new ScriptFile(join(dataDir, 'script.txt')),
    inputCount: config.io.inputs.length,
    caps: { relay: hub, inputs: hub, snapshots, uploads, buffers, journal },
    onRefused: (errors) => log.error({ errors: errors.map((e) => e.message) }, 'the script file has errors: it was not loaded'),
  });
  const mqttLog = log.child({ part: 'mqtt' });
  // One broker connection for all of auxio's MQTT: Home Assistant discovery and the Axis MQTT route.
  const mqttConnection = config.mqtt.url ? createMqttConnection(config.mqtt, mqttLog) : null;
  const mqtt = mqttConnection
    ? new MqttService({
        settings: config.mqtt,
        inputSettings: config.io.inputs,
        connection: mqttConnection,
        journal,
        inputs: hub,
        relays: hub,
        scripts: engine,
        snapshots: snapshots.store,
        version: VERSION,
        log: mqttLog,
      })
    : null;
  const identity = resolveIdentity({ config: config.device, version: VERSION, inputs: config.io.inputs.length, outputs: config.io.outputs.length, journal });
  const axisBridge = mqttConnection ? new AxisEventBridge({ connection: mqttConnection, journal, io: hub, serial: identity.serialNumber }) : null;
  const axisMqtt = {
    bridge: axisBridge,
    connection: () => mqttConnection?.info() ?? null,
    reservedRoots: [config.mqtt.base_topic.split('/')[0]!, config.mqtt.home_assistant.discovery_prefix.split('/')[0]!],
  };
  const startedAt = Date.now();
  const tls = await loadTls(config.http.tls, dataDir);
  const http = buildServer(
    { config, hub, journal, users, authenticator, engine, snapshots, identity, axisMqtt, log, version: VERSION, startedAt },
    tls,
  );

  return {
    config,
    hub,
    journal,
    http,
    engine,
    snapshots,
    address: () => http.server.address() as AddressInfo,
    async start() {
      await hub.start();
      await snapshots.start();
      journal.append({ kind: 'start', actor: null, data: { version: VERSION, backend: backendKinds(config.io) } });
      retention.start();
      await engine.start();
      await mqtt?.start(); // hears the journal and the connection before it connects
      axisBridge?.start();
      await mqttConnection?.start(); // connects in the background: auxio never waits for a broker
      await http.listen({ port: config.http.port, host: config.http.host });
      const { address, port } = http.server.address() as AddressInfo;
      const scheme = tls ? 'https' : 'http';
      log.info({ address, port, dataDir, scheme }, `auxio ${VERSION} listening on ${scheme}://${address.includes(':') ? `[${address}]` : address}:${port}`);
      if (tls) log.info({ fingerprint: tls.fingerprint, file: tls.selfSignedFile ?? undefined }, tls.selfSignedFile ? 'serving a self-signed certificate' : 'serving the configured certificate');
      if (users.factoryPasswordInUse()) log.warn(`WARNING: ${FACTORY_PASSWORD_WARNING}`);
    },
    async stop() {
      axisBridge?.stop();
      await mqtt?.stop();
      await mqttConnection?.stop(); // retained `offline`, then a clean disconnect
      await http.close();
      await engine.stop();
      await buffers.stop();
      await uploads.stop();
      await snapshots.stop();
      await hub.stop();
      await retention.stop();
      journal.close();
    },
  };
}
