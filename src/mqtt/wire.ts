/** The payload types of auxio's MQTT topics, keyed by the topic's name (README "MQTT topics"). */

/** A binary state, as Home Assistant's switch and binary_sensor expect it by default. */
export type OnOff = 'ON' | 'OFF';

/** An input edge, as the `event` entity reads it: `event_type` plus attributes. */
export interface InputEventPayload {
  event_type: 'rising' | 'falling';
  /** The journal entry's seq: gaps show what a subscriber missed. */
  seq: number;
  /** ISO 8601, when the pin changed. */
  time: string;
  level: 0 | 1;
  /** The input's pulse total after this edge. */
  pulses: number;
}

/** The latest stored picture. */
export interface SnapshotLatestPayload {
  id: number;
  /** ISO 8601, when it was taken. */
  time: string;
  /** Absolute when `public_url` is set, else the path on auxio's HTTP server. Needs a viewer login. */
  url: string;
}

/** A relay command in JSON form. */
export interface RelayPulseJson {
  pulse_ms: number;
}

/** Each topic's payload, keyed by the topic's name (`input_state` is `<base>/input/<n>/state`). */
export interface TopicPayloads {
  availability: 'online' | 'offline';
  input_state: OnOff;
  /** A decimal integer. */
  input_pulses: string;
  input_event: InputEventPayload;
  relay_state: OnOff;
  relay_set: 'ON' | 'OFF' | 'TOGGLE' | 'PULSE' | RelayPulseJson;
  snapshot_latest: SnapshotLatestPayload;
  /** JPEG bytes. */
  snapshot_image: Buffer;
  script_run: 'PRESS';
}

/** One message auxio publishes. */
export interface OutgoingMessage {
  topic: string;
  payload: string | Buffer;
  retain: boolean;
}
