import type {
  BinarySensorConfig,
  ButtonConfig,
  DiscoveryComponent,
  DiscoveryDevice,
  DiscoveryEntry,
  DiscoveryOrigin,
  EntityConfigBase,
  EventConfig,
  ImageConfig,
  SensorConfig,
  SwitchConfig,
} from './discovery-types.ts';
import type { BinarySensorDeviceClass } from './settings.ts';
import type { DeviceTopics } from './topics.ts';

/** What every mapper needs: who the device is and where its topics are. */
export interface DiscoveryContext {
  /** Home Assistant's discovery prefix, `homeassistant` by default. */
  prefix: string;
  /** `[a-z0-9_]`: the start of every unique id and entity id. */
  deviceId: string;
  topics: DeviceTopics;
  device: DiscoveryDevice;
  origin: DiscoveryOrigin;
}

/** A channel as discovery names it. */
export interface ChannelRef {
  index: number;
  name: string;
}

/** Everything auxio offers Home Assistant right now. */
export interface DiscoveryInventory {
  inputs: Array<ChannelRef & { deviceClass?: BinarySensorDeviceClass | undefined }>;
  relays: ChannelRef[];
  /** Script entries, 1..n. */
  scriptEntries: number;
  snapshotImage: boolean;
  /** False when MQTT is read-only: relays become binary sensors and there are no buttons. */
  commands: boolean;
}

/** Who the device is, for `discoveryContext`. */
export interface DeviceIdentity {
  prefix: string;
  deviceId: string;
  deviceName: string;
  version: string;
  /** auxio's own page, when `public_url` is set. */
  configurationUrl?: string | undefined;
  supportUrl?: string | undefined;
}

/** The shared part of every config. */
export function discoveryContext(identity: DeviceIdentity, topics: DeviceTopics): DiscoveryContext {
  const device: DiscoveryDevice = {
    identifiers: [identity.deviceId],
    name: identity.deviceName,
    manufacturer: 'auxio',
    model: 'auxio I/O server',
    sw_version: identity.version,
  };
  if (identity.configurationUrl) device.configuration_url = identity.configurationUrl;
  const origin: DiscoveryOrigin = { name: 'auxio', sw_version: identity.version };
  if (identity.supportUrl) origin.support_url = identity.supportUrl;
  return { prefix: identity.prefix, deviceId: identity.deviceId, topics, device, origin };
}

/** Where an entity's config is published. */
export function discoveryTopic(ctx: DiscoveryContext, entry: { component: DiscoveryComponent; objectId: string }): string {
  return `${ctx.prefix}/${entry.component}/${entry.objectId}/config`;
}

function base(ctx: DiscoveryContext, component: DiscoveryComponent, object: string, name: string): EntityConfigBase {
  const id = `${ctx.deviceId}_${object}`;
  return {
    name,
    unique_id: id,
    default_entity_id: `${component}.${id}`,
    device: ctx.device,
    origin: ctx.origin,
    availability_topic: ctx.topics.availability,
  };
}

/** A relay Home Assistant may switch. */
export function relaySwitch(ctx: DiscoveryContext, relay: ChannelRef): DiscoveryEntry {
  const object = `relay${relay.index}`;
  const config: SwitchConfig = {
    ...base(ctx, 'switch', object, relay.name),
    command_topic: ctx.topics.relaySet(relay.index),
    state_topic: ctx.topics.relayState(relay.index),
    payload_on: 'ON',
    payload_off: 'OFF',
    retain: false,
    qos: 1,
  };
  return { component: 'switch', objectId: config.unique_id, config };
}

/** A relay shown read-only (MQTT commands off). */
export function relayBinarySensor(ctx: DiscoveryContext, relay: ChannelRef): DiscoveryEntry {
  const object = `relay${relay.index}`;
  const config: BinarySensorConfig = {
    ...base(ctx, 'binary_sensor', object, relay.name),
    state_topic: ctx.topics.relayState(relay.index),
    payload_on: 'ON',
    payload_off: 'OFF',
    qos: 1,
  };
  return { component: 'binary_sensor', objectId: config.unique_id, config };
}

/** An input's level; `device_class` from the input's config (`door`: on = open). */
export function inputBinarySensor(ctx: DiscoveryContext, input: ChannelRef, deviceClass?: BinarySensorDeviceClass): DiscoveryEntry {
  const config: BinarySensorConfig = {
    ...base(ctx, 'binary_sensor', `input${input.index}`, input.name),
    state_topic: ctx.topics.inputState(input.index),
    payload_on: 'ON',
    payload_off: 'OFF',
    qos: 1,
  };
  if (deviceClass) config.device_class = deviceClass;
  return { component: 'binary_sensor', objectId: config.unique_id, config };
}

/** An input's pulse total: never drops, so `total_increasing`. */
export function inputPulseSensor(ctx: DiscoveryContext, input: ChannelRef): DiscoveryEntry {
  const config: SensorConfig = {
    ...base(ctx, 'sensor', `input${input.index}_pulses`, `${input.name} pulses`),
    state_topic: ctx.topics.inputPulses(input.index),
    state_class: 'total_increasing',
    qos: 1,
  };
  return { component: 'sensor', objectId: config.unique_id, config };
}

/** An input's edges, each one an event: fast flips of a binary_sensor are lost in Home Assistant. */
export function inputEdgeEvent(ctx: DiscoveryContext, input: ChannelRef): DiscoveryEntry {
  const config: EventConfig = {
    ...base(ctx, 'event', `input${input.index}_edge`, `${input.name} edge`),
    state_topic: ctx.topics.inputEvent(input.index),
    event_types: ['rising', 'falling'],
    qos: 1,
  };
  return { component: 'event', objectId: config.unique_id, config };
}

/**
 * The latest stored picture. The JPEG bytes travel over MQTT (`image_topic`) because Home
 * Assistant fetches a `url_topic` URL without credentials, and auxio serves no picture without a login.
 */
export function snapshotImage(ctx: DiscoveryContext): DiscoveryEntry {
  const config: ImageConfig = {
    ...base(ctx, 'image', 'snapshot', 'Latest snapshot'),
    image_topic: ctx.topics.snapshotImage,
    content_type: 'image/jpeg',
  };
  return { component: 'image', objectId: config.unique_id, config };
}

/** Runs one script entry by hand. */
export function scriptButton(ctx: DiscoveryContext, index: number): DiscoveryEntry {
  const config: ButtonConfig = {
    ...base(ctx, 'button', `script${index}`, `Run script entry ${index}`),
    command_topic: ctx.topics.scriptRun(index),
    payload_press: 'PRESS',
    retain: false,
    qos: 1,
  };
  return { component: 'button', objectId: config.unique_id, config };
}

/** Every config for the inventory, relays first, then inputs, the picture, the buttons. */
export function discoveryEntries(ctx: DiscoveryContext, inventory: DiscoveryInventory): DiscoveryEntry[] {
  const relay = inventory.commands ? relaySwitch : relayBinarySensor;
  const entries = inventory.relays.map((r) => relay(ctx, r));
  for (const input of inventory.inputs) {
    entries.push(inputBinarySensor(ctx, input, input.deviceClass), inputPulseSensor(ctx, input), inputEdgeEvent(ctx, input));
  }
  if (inventory.snapshotImage) entries.push(snapshotImage(ctx));
  if (inventory.commands) {
    for (let i = 1; i <= inventory.scriptEntries; i++) entries.push(scriptButton(ctx, i));
  }
  return entries;
}
