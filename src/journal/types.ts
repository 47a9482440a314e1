/** The data each kind of journal entry carries, keyed by kind. */
export interface JournalKinds {
  /** An accepted (debounced, inverted) level change of an input; `pulses` is the total after it. */
  input: { level: 0 | 1; pulses: number };
  /** An output switched; `pulseUntil` is the deadline of a running timed pulse (ms epoch). */
  output: { active: boolean; pulseUntil: number | null };
  /** A backend lost or regained its hardware. */
  fault: { backend: string; message: string | null };
  /** A refused login. The password is never recorded. */
  auth_failed: { username: string | null; address: string; reason: string };
  /** A user was created, changed or removed. */
  user: { username: string; change: 'created' | 'updated' | 'deleted'; role?: string };
  /** The server started; `version` is auxio's. */
  start: { version: string; backend: string };
}

export type JournalKind = keyof JournalKinds;

/** One journal entry as stored and as sent to subscribers. */
export type JournalEvent<K extends JournalKind = JournalKind> = {
  [P in K]: {
    seq: number;
    /** ms since the epoch: when it happened (an input edge: when the pin changed). */
    time: number;
    kind: P;
    /** `input1`, `output1`, … or null for entries about no channel. */
    channel: string | null;
    /** Who caused it: `http:root`, `script:2`, `startup`, `pulse`, … */
    actor: string | null;
    data: JournalKinds[P];
  };
}[K];

/** An entry to append: the journal assigns `seq` (and `time` when not given). */
export type NewJournalEvent<K extends JournalKind = JournalKind> = {
  [P in K]: {
    kind: P;
    time?: number;
    channel?: string | null;
    actor?: string | null;
    data: JournalKinds[P];
  };
}[K];

export interface JournalQuery {
  /** Entries with seq greater than this. */
  since?: number;
  limit?: number;
  channel?: string;
  kind?: JournalKind;
  /** Newest first, for paging back. */
  descending?: boolean;
  /** Entries with seq lower than this (paging back). */
  before?: number;
}
