import type { InputState, OutputState } from '../../io/index.ts';
import type { JournalEvent } from '../../journal/index.ts';

export const INPUT_TOPIC = 'tns1:Device/tnsaxis:IO/Port';
export const RELAY_TOPIC = 'tns1:Device/Trigger/Relay';

/** The body of an Axis event notification, as Axis clients read it (all values strings). */
export interface AxisNotification {
  topic: string;
  timestamp: number;
  message: { source: Record<string, string>; key: Record<string, never>; data: Record<string, string> };
}

/**
 * Port ids are the same strings everywhere (getPorts, root.IOPort.I<n>, events): inputs first from
 * "0", then the outputs. With the defaults: "0", "1" the inputs, "2" the relay.
 */
export function inputPortId(index: number): string {
  return String(index - 1);
}

export function outputPortId(index: number, inputCount: number): string {
  return String(inputCount + index - 1);
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

/** The current state of every port: what creates a client's entities. */
export function stateNotifications(inputs: InputState[], outputs: OutputState[], now: number): AxisNotification[] {
  return [
    ...inputs.map((i) => inputNotification(inputPortId(i.index), i.level, now)),
    ...outputs.map((o) => relayNotification(outputPortId(o.index, inputs.length), o.active, now)),
  ];
}

/** The notification for a journal entry, or null for entries Axis clients have no topic for. */
export function journalNotification(event: JournalEvent, inputCount: number): AxisNotification | null {
  const index = Number(event.channel?.replace(/^\D+/, ''));
  if (event.kind === 'input') return inputNotification(inputPortId(index), event.data.level, event.time);
  if (event.kind === 'output') return relayNotification(outputPortId(index, inputCount), event.data.active, event.time);
  return null;
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
