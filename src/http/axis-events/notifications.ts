import type { Port } from '../vapix/ports.ts';
import type { JournalEvent } from '../../journal/index.ts';

export const INPUT_TOPIC = 'tns1:Device/tnsaxis:IO/Port';
export const RELAY_TOPIC = 'tns1:Device/Trigger/Relay';

/** The body of an Axis event notification, as Axis clients read it (all values strings). */
export interface AxisNotification {
  topic: string;
  timestamp: number;
  message: { source: Record<string, string>; key: Record<string, never>; data: Record<string, string> };
}

export function inputNotification(port: string, level: 0 | 1, timestamp: number): AxisNotification {
  return { topic: INPUT_TOPIC, timestamp, message: { source: { port }, key: {}, data: { state: String(level) } } };
}

export function relayNotification(port: string, active: boolean, timestamp: number): AxisNotification {
  return {
    topic: RELAY_TOPIC,
    timestamp,
    message: { source: { RelayToken: port }, key: {}, data: { LogicalState: active ? 'active' : 'inactive' } },
  };
}

/** A port's current state as a notification; its id is the port's (vapix/ports.ts), as in getPorts. */
export function portNotification(port: Port, timestamp: number): AxisNotification {
  const id = String(port.id);
  return port.direction === 'input' ? inputNotification(id, port.state.level, timestamp) : relayNotification(id, port.state.active, timestamp);
}

/** The notification for a journal entry about a port, or null for entries Axis clients have no topic for. */
export function journalNotification(event: JournalEvent, ports: Port[]): AxisNotification | null {
  if (event.kind !== 'input' && event.kind !== 'output') return null;
  const port = ports.find((p) => p.state.id === event.channel);
  if (!port) return null;
  const id = String(port.id);
  return event.kind === 'input' ? inputNotification(id, event.data.level, event.time) : relayNotification(id, event.data.active, event.time);
}

/**
 * Axis topic filters are XPath-like: `//.` is everything, `a/b//.` a topic and all below it, and
 * a plain topic exactly itself. Namespace prefixes are matched as written.
 */
export function topicMatches(filter: string, topic: string): boolean {
  const f = filter.trim();
  if (f === '//.' || f === '') return true;
  if (f.endsWith('//.')) {
    const prefix = f.slice(0, -3);
    return topic === prefix || topic.startsWith(`${prefix}/`);
  }
  return topic === f;
}
