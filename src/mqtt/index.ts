/**
 * The MQTT part's public API: one shared broker connection, auxio's state and command topics, and
 * Home Assistant discovery. Other parts import only from here.
 */
export {
  MqttConnection,
  type ConnectionInfo,
  type MessageHandler,
  type MqttConnectionEvents,
  type MqttConnectionOptions,
  type MqttMessage,
  type PublishOptions,
  type SubscribeOptions,
} from './connection.ts';
export { MqttService, createMqttConnection, type MqttServiceDeps } from './service.ts';
export { BINARY_SENSOR_DEVICE_CLASSES, type BinarySensorDeviceClass, type HomeAssistantSettings, type InputDiscoverySettings, type MqttSettings } from './settings.ts';
export { deviceTopics, parseCommandTopic, type CommandTarget, type DeviceTopics } from './topics.ts';
export { topicMatches } from './topic-match.ts';
export { Outbox, type QoS, type QueuedMessage } from './outbox.ts';
export { reconnectDelay, type BackoffBounds } from './reconnect-delay.ts';
export { parseButtonPress, parseRelayCommand, type Parsed, type RelayCommand } from './commands.ts';
export { CommandRouter, type CommandOutcome, type CommandRouterDeps, type ScriptRunner } from './command-router.ts';
export {
  discoveryContext,
  discoveryEntries,
  discoveryTopic,
  inputBinarySensor,
  inputEdgeEvent,
  inputPulseSensor,
  relayBinarySensor,
  relaySwitch,
  scriptButton,
  snapshotImage,
  type ChannelRef,
  type DeviceIdentity,
  type DiscoveryContext,
  type DiscoveryInventory,
} from './discovery.ts';
export type * from './discovery-types.ts';
export type * from './wire.ts';
export type { SnapshotIndex } from './snapshot-publisher.ts';
export { redactUrl, silentLog, type MqttLog } from './log.ts';
export { AxisEventBridge, type AxisEventBridgeOptions } from './axis-event-bridge.ts';
export { defaultAxisMqttSettings, type AxisEventFilter, type AxisEventPublication, type AxisMqttSettings } from './axis-bridge-settings.ts';
