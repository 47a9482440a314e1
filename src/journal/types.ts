/** The data each kind of journal entry carries, keyed by kind. */
export interface JournalKinds {
  /** An accepted (debounced, inverted) level change of an input; `pulses` is the total after it. */
  input: { level: 0 | 1; pulses: number };
  /** An output switched; `pulseUntil` is the deadline of a running timed pulse (ms epoch). */
  output: { active: boolean; pulseUntil: number | null };
  /** A backend lost or regained its hardware. */
  fault: { backend: string; message: string | null };
  /** A channel's settings changed while running (VAPIX param.cgi update, the web page). */
  channel: { name: string; invert: boolean; pulseMs: number | null };
  /** A streaming client (SSE, Axis WebSocket) fell too far behind and was dropped. */
  client_dropped: { transport: string; address: string; reason: string };
  /** A refused login. The password is never recorded. */
  auth_failed: { username: string | null; address: string; reason: string };
  /** A user was created, changed or removed. */
  user: { username: string; change: 'created' | 'updated' | 'deleted'; role?: string };
  /** The server started; `version` is auxio's. */
  start: { version: string; backend: string };
  /**
   * A script entry's run: `started` (with the journal seq of the edge that caused it, if any),
   * `queued` or `skipped` (a trigger that came while the entry was running), `finished`, `failed`.
   */
  script_run: {
    entry: number;
    run: number | null;
    trigger: string;
    outcome: 'started' | 'queued' | 'skipped' | 'finished' | 'failed';
    cause?: number | null;
    message?: string;
  };
  /** The resident script was replaced (or a new file was refused: `errors`). */
  script: { entries: number; errors: string[] };
  /** A script's `log` command. */
  log: { text: string };
  /** A picture was stored. */
  snapshot: { id: number; source: string; trigger: string; bytes: number; width: number; height: number };
  /** The disk ran short of room for pictures (below `minFreeBytes`), or has room again. */
  storage: { full: boolean; freeBytes: number; minFreeBytes: number };
  /** A picture could not be taken or stored. */
  snapshot_failed: { source: string; trigger: string; code: string; message: string };
  /**
   * The MQTT broker was lost (or unreachable from the start), or is back. `dropped`: messages given
   * up since the previous such entry because more than `mqtt.queue_max` waited.
   */
  mqtt: { connected: boolean; broker: string; reason: string | null; dropped: number };
  /** One upload attempt. */
  upload: {
    target: string;
    kind: string;
    file: string;
    attempt: number;
    ok: boolean;
    willRetry: boolean;
    error?: { code: string; message: string };
  };
}

export type JournalKind = keyof JournalKinds;

/** Every kind, for validating queries; the check below fails to compile if one is missing. */
export const JOURNAL_KINDS = [
  'input', 'output', 'fault', 'channel', 'client_dropped', 'auth_failed', 'user', 'start',
  'script_run', 'script', 'log', 'snapshot', 'snapshot_failed', 'storage', 'mqtt', 'upload',
] as const satisfies readonly JournalKind[];
type MissingKind = Exclude<JournalKind, (typeof JOURNAL_KINDS)[number]>;
const allKindsListed: MissingKind extends never ? true : MissingKind = true;
void allKindsListed;

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
