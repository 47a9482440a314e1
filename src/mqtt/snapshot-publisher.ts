import { readFile } from 'node:fs/promises';
import type { StoredSnapshot } from '../snapshot/index.ts';
import type { MqttLog } from './log.ts';
import { snapshotImageMessage, snapshotLatestMessage } from './state-messages.ts';
import type { DeviceTopics } from './topics.ts';
import type { OutgoingMessage } from './wire.ts';

/** The narrow view of the snapshot store this part reads. */
export interface SnapshotIndex {
  latest(): StoredSnapshot | undefined;
  get(id: number): StoredSnapshot | undefined;
}

/** What the snapshot publisher is handed, as one typed object. */
export interface SnapshotPublisherDeps {
  publish: (message: OutgoingMessage) => void;
  topics: DeviceTopics;
  store: SnapshotIndex;
  publicUrl?: string | undefined;
  /** Publish the JPEG bytes too (the `image` entity). */
  image: boolean;
  log: MqttLog;
}

/**
 * Announces stored pictures: `snapshot/latest` at once, then the JPEG on `snapshot/image`. Files
 * are read one at a time and only the newest waiting picture is read, so a burst of pictures
 * costs one read, not one per picture.
 */
export class SnapshotPublisher {
  readonly #d: SnapshotPublisherDeps;
  #wanted: StoredSnapshot | null = null;
  #reading: Promise<void> | null = null;

  constructor(deps: SnapshotPublisherDeps) {
    this.#d = deps;
  }

  /** Announces picture `id`, or the store's newest; nothing when there is none. */
  announce(which: number | 'latest'): void {
    const stored = which === 'latest' ? this.#d.store.latest() : this.#d.store.get(which);
    if (!stored) return;
    this.#d.publish(snapshotLatestMessage(this.#d.topics, stored.record, this.#d.publicUrl));
    if (!this.#d.image) return;
    this.#wanted = stored;
    this.#reading ??= this.#readWanted().finally(() => (this.#reading = null));
  }

  /**
   * Publishes the newest picture as it is now (on connect); with the image entity turned off, clears
   * the JPEG an earlier run left retained on the broker.
   */
  publishCurrent(): void {
    if (!this.#d.image) this.#d.publish({ topic: this.#d.topics.snapshotImage, payload: '', retain: true });
    this.announce('latest');
  }

  /** Settles when no picture is being read (tests, stop). */
  async idle(): Promise<void> {
    while (this.#reading) await this.#reading;
  }

  /** Forgets pictures not read yet and waits for the one being read. */
  async stop(): Promise<void> {
    this.#wanted = null;
    await this.idle();
  }

  async #readWanted(): Promise<void> {
    while (this.#wanted) {
      const stored = this.#wanted;
      this.#wanted = null;
      try {
        this.#d.publish(snapshotImageMessage(this.#d.topics, await readFile(stored.path)));
      } catch (err) {
        // Retention may have removed it meanwhile; the next picture brings the image up to date.
        this.#d.log.warn({ err: (err as Error).message, id: stored.record.id }, 'MQTT could not read a picture to publish');
      }
    }
  }
}
