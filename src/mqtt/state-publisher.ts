import type { InputReader, RelayControl } from '../io/index.ts';
import type { JournalEvent, JournalKind } from '../journal/index.ts';
import type { SnapshotPublisher } from './snapshot-publisher.ts';
import {
  channelIndex,
  inputEventMessage,
  inputPulsesMessage,
  inputStateMessage,
  relayStateMessage,
} from './state-messages.ts';
import type { DeviceTopics } from './topics.ts';
import type { OutgoingMessage } from './wire.ts';

/** What the state publisher is handed, as one typed object. */
export interface StatePublisherDeps {
  publish: (message: OutgoingMessage) => void;
  topics: DeviceTopics;
  inputs: InputReader;
  relays: RelayControl;
  snapshots: Pick<SnapshotPublisher, 'announce' | 'publishCurrent'>;
}

type EntryHandlers = { [K in JournalKind]?: (event: JournalEvent<K>) => void };

/**
 * Turns journal entries into auxio's state topics, so MQTT never says what the journal lacks, and
 * publishes every current state on demand (on connect, on Home Assistant's birth message).
 */
export class StatePublisher {
  readonly #d: StatePublisherDeps;
  /** The pulse total last published per input: a total is sent only when it changed. */
  readonly #pulses = new Map<number, number>();
  readonly #handlers: EntryHandlers = {
    input: (e) => this.#input(e),
    output: (e) => this.#output(e),
    snapshot: (e) => this.#d.snapshots.announce(e.data.id),
  };

  constructor(deps: StatePublisherDeps) {
    this.#d = deps;
  }

  /** Publishes what one journal entry changed; other kinds are not state. */
  onEntry(event: JournalEvent): void {
    const handler = this.#handlers[event.kind] as ((e: JournalEvent) => void) | undefined;
    handler?.(event);
  }

  /** Publishes every input, relay and the latest picture as they are now. */
  publishAll(): void {
    const { publish, topics } = this.#d;
    for (const input of this.#d.inputs.inputs()) {
      publish(inputStateMessage(topics, input.index, input.level));
      publish(inputPulsesMessage(topics, input.index, input.pulses));
      this.#pulses.set(input.index, input.pulses);
    }
    for (const relay of this.#d.relays.outputs()) publish(relayStateMessage(topics, relay.index, relay.active));
    this.#d.snapshots.publishCurrent();
  }

  #input(event: JournalEvent<'input'>): void {
    const index = channelIndex(event.channel, 'input');
    if (index === null) return;
    const { publish, topics } = this.#d;
    publish(inputStateMessage(topics, index, event.data.level));
    if (this.#pulses.get(index) !== event.data.pulses) {
      publish(inputPulsesMessage(topics, index, event.data.pulses));
      this.#pulses.set(index, event.data.pulses);
    }
    publish(inputEventMessage(topics, index, event));
  }

  #output(event: JournalEvent<'output'>): void {
    const index = channelIndex(event.channel, 'output');
    if (index !== null) this.#d.publish(relayStateMessage(this.#d.topics, index, event.data.active));
  }
}
