/**
 * auxio's own MQTT topics, all under `<base_topic>/<device_id>/` (README "MQTT topics").
 * Home Assistant's discovery topics are elsewhere (discovery.ts).
 */
export interface DeviceTopics {
  /** `auxio/<device_id>` */
  readonly base: string;
  /** Retained `online` / `offline` (the last will). */
  readonly availability: string;
  /** Retained `ON` (level 1) / `OFF`. */
  inputState(index: number): string;
  /** Retained pulse total, decimal. */
  inputPulses(index: number): string;
  /** Not retained: one JSON message per accepted edge. */
  inputEvent(index: number): string;
  /** Retained `ON` / `OFF`. */
  relayState(index: number): string;
  /** Commands: `ON`, `OFF`, `TOGGLE`, `PULSE`, `{"pulse_ms":300}`. */
  relaySet(index: number): string;
  /** Retained JSON: the latest stored picture. */
  readonly snapshotLatest: string;
  /** Retained JPEG bytes of the latest stored picture. */
  readonly snapshotImage: string;
  /** Commands: `PRESS` runs the script entry by hand. */
  scriptRun(index: number): string;
  /** The subscription filters for commands. */
  readonly relaySetFilter: string;
  readonly scriptRunFilter: string;
}

/** A topic auxio takes commands on. */
export type CommandTarget = { kind: 'relay'; index: number } | { kind: 'script'; index: number };

const INDEX = /^[1-9][0-9]{0,3}$/;

/**
 * The topic layout of one auxio.
 * @example deviceTopics('auxio', 'gate').relaySet(1) // 'auxio/gate/relay/1/set'
 */
export function deviceTopics(baseTopic: string, deviceId: string): DeviceTopics {
  const base = `${baseTopic}/${deviceId}`;
  return {
    base,
    availability: `${base}/availability`,
    inputState: (n) => `${base}/input/${n}/state`,
    inputPulses: (n) => `${base}/input/${n}/pulses`,
    inputEvent: (n) => `${base}/input/${n}/event`,
    relayState: (n) => `${base}/relay/${n}/state`,
    relaySet: (n) => `${base}/relay/${n}/set`,
    snapshotLatest: `${base}/snapshot/latest`,
    snapshotImage: `${base}/snapshot/image`,
    scriptRun: (n) => `${base}/script/${n}/run`,
    relaySetFilter: `${base}/relay/+/set`,
    scriptRunFilter: `${base}/script/+/run`,
  };
}

/** Which relay or script entry a command topic addresses, or null for anything else. */
export function parseCommandTopic(topics: DeviceTopics, topic: string): CommandTarget | null {
  if (!topic.startsWith(`${topics.base}/`)) return null;
  const [kind, index, verb, ...rest] = topic.slice(topics.base.length + 1).split('/');
  if (rest.length > 0 || index === undefined || !INDEX.test(index)) return null;
  if (kind === 'relay' && verb === 'set') return { kind: 'relay', index: Number(index) };
  if (kind === 'script' && verb === 'run') return { kind: 'script', index: Number(index) };
  return null;
}
