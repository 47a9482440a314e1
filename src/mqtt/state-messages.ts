import type { JournalEvent } from '../journal/index.ts';
import type { DeviceTopics } from './topics.ts';
import type { InputEventPayload, OnOff, OutgoingMessage, SnapshotLatestPayload } from './wire.ts';

const onOff = (on: boolean): OnOff => (on ? 'ON' : 'OFF');

/** `input/<n>/state`: retained `ON` for level 1 (binary_sensor's default payload_on). */
export function inputStateMessage(topics: DeviceTopics, index: number, level: 0 | 1): OutgoingMessage {
  return { topic: topics.inputState(index), payload: onOff(level === 1), retain: true };
}

/** `input/<n>/pulses`: the retained total. */
export function inputPulsesMessage(topics: DeviceTopics, index: number, pulses: number): OutgoingMessage {
  return { topic: topics.inputPulses(index), payload: String(pulses), retain: true };
}

/** `input/<n>/event`: one non-retained JSON message per journaled edge. */
export function inputEventMessage(topics: DeviceTopics, index: number, event: JournalEvent<'input'>): OutgoingMessage {
  const payload: InputEventPayload = {
    event_type: event.data.level === 1 ? 'rising' : 'falling',
    seq: event.seq,
    time: new Date(event.time).toISOString(),
    level: event.data.level,
    pulses: event.data.pulses,
  };
  return { topic: topics.inputEvent(index), payload: JSON.stringify(payload), retain: false };
}

/** `relay/<n>/state`: retained `ON` / `OFF`. */
export function relayStateMessage(topics: DeviceTopics, index: number, active: boolean): OutgoingMessage {
  return { topic: topics.relayState(index), payload: onOff(active), retain: true };
}

/** `snapshot/latest`: retained JSON naming the picture and where to fetch it. */
export function snapshotLatestMessage(
  topics: DeviceTopics,
  record: { id: number; takenAt: number },
  publicUrl: string | undefined,
): OutgoingMessage {
  const path = `/api/v1/snapshots/${record.id}.jpg`;
  const payload: SnapshotLatestPayload = {
    id: record.id,
    time: new Date(record.takenAt).toISOString(),
    url: publicUrl ? `${publicUrl.replace(/\/+$/, '')}${path}` : path,
  };
  return { topic: topics.snapshotLatest, payload: JSON.stringify(payload), retain: true };
}

/** `snapshot/image`: the retained JPEG itself, for Home Assistant's `image` entity. */
export function snapshotImageMessage(topics: DeviceTopics, jpeg: Buffer): OutgoingMessage {
  return { topic: topics.snapshotImage, payload: jpeg, retain: true };
}

/** `input3` → 3, `output1` → 1; null for anything else. */
export function channelIndex(channel: string | null, prefix: 'input' | 'output'): number | null {
  const match = channel?.match(/^(input|output)([1-9][0-9]*)$/);
  return match && match[1] === prefix ? Number(match[2]) : null;
}
