import type { Journal } from '../journal/index.ts';
import type { MqttConnection } from './connection.ts';

/**
 * Journals the broker link's outages: one `mqtt` entry when the link is lost (or the broker is
 * unreachable from the start), one when it is back, carrying how many messages were dropped
 * meanwhile for lack of queue room. Not one per reconnect attempt: a day's outage at the capped
 * back-off would otherwise put thousands of entries in the journal.
 * @example
 * const link = new LinkJournal(connection, journal);
 * link.start(); // before the connection starts, so an unreachable broker is on record
 */
export class LinkJournal {
  readonly #connection: Pick<MqttConnection, 'on' | 'queue' | 'info'>;
  readonly #journal: Pick<Journal, 'append'>;
  #down = false;
  #droppedSoFar = 0;
  #off: Array<() => void> = [];

  constructor(connection: Pick<MqttConnection, 'on' | 'queue' | 'info'>, journal: Pick<Journal, 'append'>) {
    this.#connection = connection;
    this.#journal = journal;
  }

  start(): void {
    this.#droppedSoFar = this.#connection.queue().dropped;
    this.#off.push(
      this.#connection.on('disconnected', (reason) => this.#lost(reason)),
      this.#connection.on('retrying', ({ reason }) => this.#lost(reason)),
      this.#connection.on('connected', () => this.#back()),
    );
  }

  stop(): void {
    for (const off of this.#off.splice(0)) off();
  }

  #lost(reason: string | null): void {
    if (this.#down) return;
    this.#down = true;
    this.#record(false, reason);
  }

  #back(): void {
    if (!this.#down) return;
    this.#down = false;
    this.#record(true, null);
  }

  #record(connected: boolean, reason: string | null): void {
    const { dropped } = this.#connection.queue();
    const broker = this.#connection.info().url;
    this.#journal.append({ kind: 'mqtt', actor: null, data: { connected, broker, reason, dropped: dropped - this.#droppedSoFar } });
    this.#droppedSoFar = dropped;
  }
}
