/** Where the ledger keeps its list: the journal's state table fits. */
export interface StateStore {
  getState<T>(key: string): T | undefined;
  putState(state: Record<string, unknown>): void;
}

const KEY = 'mqtt:discovery_topics';

/**
 * Remembers, across restarts, which discovery config topics auxio has published, so that an
 * entity that is gone (a script entry removed, an input dropped from the config, commands turned
 * off) is removed from Home Assistant with an empty retained config.
 */
export class DiscoveryLedger {
  readonly #store: StateStore;
  readonly #key: string;

  constructor(store: StateStore, key = KEY) {
    this.#store = store;
    this.#key = key;
  }

  /** Records `current` as what is published; returns the topics published before and not now. */
  replace(current: readonly string[]): string[] {
    const before = this.#store.getState<string[]>(this.#key) ?? [];
    const now = new Set(current);
    const gone = before.filter((topic) => !now.has(topic));
    this.#store.putState({ [this.#key]: [...now] });
    return gone;
  }
}
