import type { BinarySensorDeviceClass } from './settings.ts';

/**
 * Home Assistant MQTT discovery payloads, as auxio publishes them (full key names, snake_case).
 * https://www.home-assistant.io/integrations/mqtt/#mqtt-discovery
 */

/** The one device every auxio entity belongs to. */
export interface DiscoveryDevice {
  identifiers: string[];
  name: string;
  manufacturer: string;
  model: string;
  sw_version: string;
  configuration_url?: string;
}

/** Who published the config (shown in Home Assistant's MQTT info). */
export interface DiscoveryOrigin {
  name: string;
  sw_version: string;
  support_url?: string;
}

/** Keys every entity config has. `default_entity_id` replaces the deprecated `object_id` (HA 2025.10). */
export interface EntityConfigBase {
  name: string;
  unique_id: string;
  default_entity_id: string;
  device: DiscoveryDevice;
  origin: DiscoveryOrigin;
  /** Payloads are Home Assistant's defaults, `online` / `offline`. */
  availability_topic: string;
}

export interface SwitchConfig extends EntityConfigBase {
  command_topic: string;
  state_topic: string;
  payload_on: 'ON';
  payload_off: 'OFF';
  /** Home Assistant must never publish a command retained. */
  retain: false;
  qos: 1;
}

export interface BinarySensorConfig extends EntityConfigBase {
  state_topic: string;
  payload_on: 'ON';
  payload_off: 'OFF';
  device_class?: BinarySensorDeviceClass;
  qos: 1;
}

export interface SensorConfig extends EntityConfigBase {
  state_topic: string;
  /** A drop is read as a meter reset; auxio's totals never drop. */
  state_class: 'total_increasing';
  qos: 1;
}

export interface EventConfig extends EntityConfigBase {
  state_topic: string;
  event_types: Array<'rising' | 'falling'>;
  qos: 1;
}

export interface ImageConfig extends EntityConfigBase {
  image_topic: string;
  content_type: 'image/jpeg';
}

export interface ButtonConfig extends EntityConfigBase {
  command_topic: string;
  payload_press: 'PRESS';
  retain: false;
  qos: 1;
}

/** Each component's config, keyed by the component name in the discovery topic. */
export interface DiscoveryConfigs {
  switch: SwitchConfig;
  binary_sensor: BinarySensorConfig;
  sensor: SensorConfig;
  event: EventConfig;
  image: ImageConfig;
  button: ButtonConfig;
}

export type DiscoveryComponent = keyof DiscoveryConfigs;

/** One entity: its config and where it goes (`<prefix>/<component>/<object_id>/config`). */
export type DiscoveryEntry = {
  [C in DiscoveryComponent]: { component: C; objectId: string; config: DiscoveryConfigs[C] };
}[DiscoveryComponent];
