import type { FastifyInstance } from 'fastify';
import type { AxisEventBridge, AxisEventFilter, AxisEventPublication, ConnectionInfo } from '../../mqtt/index.ts';
import { registerJsonCgi, type JsonCall } from '../vapix/json-cgi.ts';
import { AxisJsonError, PORT_MANAGEMENT_ERRORS } from '../vapix/json-errors.ts';

/** What the Axis MQTT CGIs need: the bridge, and where auxio's one broker connection points. */
export interface AxisMqttDeps {
  bridge: AxisEventBridge | null;
  connection: () => ConnectionInfo | null;
  /** Topic roots that belong to auxio's own MQTT: the Axis prefix may not overlap them. */
  reservedRoots: string[];
}

// The MQTT client API's documented codes are the same 1100, 2100-2104 as I/O port management's.
const ERRORS = PORT_MANAGEMENT_ERRORS;
const TOPIC = /^[^#+\u0000]{1,200}$/;

const invalid = (message: string): AxisJsonError => new AxisJsonError(ERRORS.invalid, message);

function bridgeOf(deps: AxisMqttDeps): AxisEventBridge {
  if (!deps.bridge) throw invalid('no broker is configured: set mqtt.url in auxio\'s config');
  return deps.bridge;
}

function clientStatus(deps: AxisMqttDeps): object {
  const info = deps.connection();
  const settings = deps.bridge?.settings();
  const protocol = info?.protocol === 'mqtts' ? 'ssl' : 'tcp';
  return {
    status: {
      state: settings?.active ? 'active' : 'inactive',
      connectionStatus: info?.connected ? 'connected' : 'disconnected',
    },
    config: {
      server: { protocol, host: info?.host ?? '', port: info?.port ?? 1883 },
      clientId: info?.clientId ?? '',
      keepAliveInterval: 30,
      connectTimeout: 30,
      cleanSession: true,
      autoReconnect: true,
      deviceTopicPrefix: settings?.deviceTopicPrefix ?? '',
      activateOnReboot: true,
    },
  };
}

/** configureClient: the broker is auxio's own (mqtt.url), so only the topic prefix can change here. */
function configureClient(deps: AxisMqttDeps, call: JsonCall): object {
  const bridge = bridgeOf(deps);
  const { server, deviceTopicPrefix } = call.params as { server?: { host?: unknown; port?: unknown }; deviceTopicPrefix?: unknown };
  const info = deps.connection();
  if (server && (server.host !== undefined && server.host !== info?.host || server.port !== undefined && server.port !== info?.port)) {
    throw invalid(`auxio shares one broker connection, set in its config (${info?.host}:${info?.port})`);
  }
  if (deviceTopicPrefix !== undefined) {
    if (typeof deviceTopicPrefix !== 'string' || !TOPIC.test(deviceTopicPrefix)) throw invalid("'deviceTopicPrefix' must be a topic without wildcards");
    const root = deviceTopicPrefix.split('/')[0]!;
    if (deps.reservedRoots.includes(root)) throw invalid(`'deviceTopicPrefix' may not start with ${root}/: auxio publishes its own topics there`);
    bridge.update({ deviceTopicPrefix });
  }
  return {};
}

function filterOf(raw: unknown): AxisEventFilter {
  const f = raw as { topicFilter?: unknown; qos?: unknown; retain?: unknown };
  if (typeof f?.topicFilter !== 'string' || !f.topicFilter) throw invalid("each filter needs a 'topicFilter'");
  const qos = f.qos ?? 0;
  if (qos !== 0 && qos !== 1 && qos !== 2) throw invalid("'qos' is 0, 1 or 2");
  const retain = f.retain ?? 'none';
  if (retain !== 'none' && retain !== 'property' && retain !== 'all') throw invalid("'retain' is none, property or all");
  return { topicFilter: f.topicFilter, qos, retain };
}

function configurePublication(deps: AxisMqttDeps, call: JsonCall): object {
  const bridge = bridgeOf(deps);
  const p = call.params as Partial<Record<keyof AxisEventPublication, unknown>>;
  const next: AxisEventPublication = { ...bridge.settings().publication };
  if (p.topicPrefix !== undefined) {
    if (p.topicPrefix !== 'default' && p.topicPrefix !== 'custom') throw invalid("'topicPrefix' is default or custom");
    next.topicPrefix = p.topicPrefix;
  }
  if (p.customTopicPrefix !== undefined) {
    if (typeof p.customTopicPrefix !== 'string' || (p.customTopicPrefix !== '' && !TOPIC.test(p.customTopicPrefix))) throw invalid("'customTopicPrefix' must be a topic");
    next.customTopicPrefix = p.customTopicPrefix;
  }
  for (const key of ['appendEventTopic', 'includeTopicNamespaces', 'includeSerialNumberInPayload'] as const) {
    if (p[key] === undefined) continue;
    if (typeof p[key] !== 'boolean') throw invalid(`'${key}' must be true or false`);
    next[key] = p[key];
  }
  if (p.eventFilterList !== undefined) {
    if (!Array.isArray(p.eventFilterList)) throw invalid("'eventFilterList' must be a list");
    next.eventFilterList = p.eventFilterList.map(filterOf);
  }
  bridge.update({ publication: next });
  return {};
}

/** `/axis-cgi/mqtt/client.cgi` and `/axis-cgi/mqtt/event.cgi` (admin only): the Axis MQTT route. */
export function registerAxisMqtt(app: FastifyInstance, deps: AxisMqttDeps): void {
  registerJsonCgi(app, {
    url: '/axis-cgi/mqtt/client.cgi',
    versions: ['1.0'],
    errors: ERRORS,
    methods: {
      getClientStatus: { role: 'admin', run: () => clientStatus(deps) },
      configureClient: { role: 'admin', run: (call) => configureClient(deps, call) },
      activateClient: { role: 'admin', run: () => (bridgeOf(deps).update({ active: true }), {}) },
      deactivateClient: { role: 'admin', run: () => (bridgeOf(deps).update({ active: false }), {}) },
      getSupportedVersions: { apiVersion: 'optional', run: () => ({ apiVersions: ['1.0'] }) },
    },
  });
  registerJsonCgi(app, {
    url: '/axis-cgi/mqtt/event.cgi',
    versions: ['1.0'],
    errors: ERRORS,
    methods: {
      configureEventPublication: { role: 'admin', run: (call) => configurePublication(deps, call) },
      getEventPublicationConfig: { role: 'admin', run: () => ({ eventPublicationConfig: bridgeOf(deps).settings().publication }) },
      getSupportedVersions: { apiVersion: 'optional', run: () => ({ apiVersions: ['1.0'] }) },
    },
  });
}
