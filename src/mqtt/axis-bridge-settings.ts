/** One event filter of the Axis MQTT event bridge, in the `onvif:`/`axis:` namespaces. */
export interface AxisEventFilter {
  topicFilter: string;
  qos: 0 | 1 | 2;
  retain: 'none' | 'property' | 'all';
}

/** What `event.cgi` sets and reports (all six keys: Axis clients read each one). */
export interface AxisEventPublication {
  topicPrefix: 'default' | 'custom';
  customTopicPrefix: string;
  appendEventTopic: boolean;
  includeTopicNamespaces: boolean;
  includeSerialNumberInPayload: boolean;
  eventFilterList: AxisEventFilter[];
}

/** The Axis MQTT client's settings as `client.cgi` manages them; kept in the journal's state. */
export interface AxisMqttSettings {
  active: boolean;
  deviceTopicPrefix: string;
  clientId: string;
  publication: AxisEventPublication;
}

export function defaultAxisMqttSettings(serial: string): AxisMqttSettings {
  return {
    active: false,
    deviceTopicPrefix: `axis/${serial}`,
    clientId: `auxio_${serial}`,
    publication: {
      topicPrefix: 'default',
      customTopicPrefix: '',
      appendEventTopic: true,
      includeTopicNamespaces: true,
      includeSerialNumberInPayload: false,
      // Properties (port states) are retained, so a client that subscribes late still sees them.
      eventFilterList: [{ topicFilter: '//.', qos: 1, retain: 'all' }],
    },
  };
}
