import type { Broker } from './mosquitto.ts';

/** The public address the MQTT e2e tests give auxio (snapshot URLs, configuration_url). */
export const PUBLIC_URL = 'http://auxio.test:8080';

/**
 * An auxio config that talks to `broker`, reconnecting fast (tests restart brokers), plus
 * `mqtt` overrides and other top-level keys.
 */
export function mqttConfig(broker: Broker, mqtt: Record<string, unknown> = {}, rest: Record<string, unknown> = {}): object {
  return {
    ...rest,
    mqtt: { url: broker.url, reconnect_min_ms: 50, reconnect_max_ms: 250, public_url: PUBLIC_URL, ...mqtt },
  };
}
