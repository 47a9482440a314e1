import type { Role } from '../http/auth/index.ts';

/**
 * Home Assistant's binary_sensor device classes (what the per-input `device_class` key accepts).
 * https://www.home-assistant.io/integrations/binary_sensor/#device-class
 */
export const BINARY_SENSOR_DEVICE_CLASSES = [
  'battery', 'battery_charging', 'carbon_monoxide', 'cold', 'connectivity', 'door', 'garage_door', 'gas',
  'heat', 'light', 'lock', 'moisture', 'motion', 'moving', 'occupancy', 'opening', 'plug', 'power',
  'presence', 'problem', 'running', 'safety', 'smoke', 'sound', 'tamper', 'update', 'vibration', 'window',
] as const;

export type BinarySensorDeviceClass = (typeof BINARY_SENSOR_DEVICE_CLASSES)[number];

/** The Home Assistant part of the `mqtt` config block. */
export interface HomeAssistantSettings {
  /** Publish discovery configs; off removes the ones auxio published before. */
  enabled: boolean;
  discovery_prefix: string;
  /** Home Assistant's birth/last-will topic; `online` there makes auxio republish. */
  status_topic: string;
  /** The device's name in Home Assistant. */
  device_name: string;
  /** Publish each stored picture's JPEG bytes for an `image` entity. */
  snapshot_image: boolean;
}

/** The validated `mqtt` config block (snake_case, as in the YAML file; defaults filled in). */
export interface MqttSettings {
  /** `mqtt://host:1883` or `mqtts://host:8883`; no url, no MQTT. */
  url?: string | undefined;
  username?: string | undefined;
  password?: string | undefined;
  /** Default `auxio_<device_id>`. */
  client_id?: string | undefined;
  keepalive_s: number;
  protocol_version: 4 | 5;
  reconnect_min_ms: number;
  reconnect_max_ms: number;
  /** Messages held while the broker is away (retained states count once per topic). */
  queue_max: number;
  base_topic: string;
  /** `[a-z0-9_]`: part of topics, unique ids and entity ids. */
  device_id: string;
  /** The auxio role MQTT commands act with; `viewer` makes MQTT read-only. */
  command_role: Role;
  /** auxio's address as seen from outside, for snapshot URLs and the device's configuration_url. */
  public_url?: string | undefined;
  home_assistant: HomeAssistantSettings;
}

/** The per-input settings discovery reads (the `io.inputs[]` entries). */
export interface InputDiscoverySettings {
  device_class?: BinarySensorDeviceClass | undefined;
}
