// Checks a journal the way a client reads it (pages of `GET /api/v1/events`), a little more after
// each restart, against the rules DESIGN.md sets: seqs without gaps, a pulse total that rises by
// exactly one per fall and survives restarts, no edge made up at start-up, each relay written once
// at start-up, and no timed pulse outliving its journaled deadline.
import { createHash, type Hash } from 'node:crypto';
import type { DigestClient } from './digest-fetch.ts';
import { allEvents, type EventJson } from './journal-pages.ts';

/** The last journaled state of one input. */
export interface InputTally {
  level: 0 | 1;
  /** The total the journal carries. */
  pulses: number;
  /** Level-0 entries counted here: one-to-zero transitions. */
  falls: number;
  life: number;
}

/** The last journaled state of one relay. */
export interface OutputTally {
  active: boolean;
  /** ms epoch, as journaled. */
  pulseUntil: number | null;
  time: number;
  seq: number;
  actor: string | null;
}

/** A `snapshot` entry's facts. */
export interface SnapshotEntry {
  bytes: number;
  width: number;
  height: number;
}

export interface JournalAuditOptions {
  /** The relays' ids (`output1`…): each must be written exactly once per start-up. */
  outputs: readonly string[];
  /** How late a pulse's end may be journaled after its deadline on a loaded machine. */
  pulseEndSlackMs: number;
}

/**
 * Reads and checks a journal incrementally, across restarts of the same data dir. Every rule it
 * breaks is collected in `problems` (the caller asserts it is empty) rather than thrown, so one
 * run reports them all.
 * @example
 * const audit = new JournalAudit({ outputs: ['output1'], pulseEndSlackMs: 1000 });
 * await audit.readNew(client); assert.deepEqual(audit.problems, []);
 */
export class JournalAudit {
  readonly problems: string[] = [];
  readonly inputs = new Map<string, InputTally>();
  readonly outputs = new Map<string, OutputTally>();
  /** Every `snapshot` entry by picture id. */
  readonly snapshots = new Map<number, SnapshotEntry>();
  /** The latest pulse end measured against its deadline, ms. */
  latestPulseEndMs = 0;
  #lastSeq = 0;
  #lives = 0;
  #startupWrites = new Set<string>();
  readonly #hash: Hash = createHash('sha256');
  readonly #o: JournalAuditOptions;

  constructor(options: JournalAuditOptions) {
    this.#o = options;
  }

  get lastSeq(): number {
    return this.#lastSeq;
  }

  /** `start` entries seen: lives of auxio on this data dir. */
  get lives(): number {
    return this.#lives;
  }

  /** Reads every entry after the last one checked, checks them, and returns them. */
  async readNew(client: DigestClient): Promise<EventJson[]> {
    const events = await allEvents(client, '', 1000, this.#lastSeq);
    this.add(events);
    return events;
  }

  /** Checks entries that follow the ones already checked. */
  add(events: readonly EventJson[]): void {
    for (const e of events) {
      if (e.seq !== this.#lastSeq + 1) this.#problem(e, `seq ${e.seq} follows ${this.#lastSeq}: a gap or a repeat`);
      this.#lastSeq = e.seq;
      this.#hash.update(`${JSON.stringify(e)}\n`);
      if (e.kind === 'start') this.#onStart(e);
      else if (e.kind === 'input') this.#onInput(e);
      else if (e.kind === 'output') this.#onOutput(e);
      else if (e.kind === 'snapshot') this.#onSnapshot(e);
    }
  }

  /** Relays whose last entry is a pulse that should have ended by `now` (minus the slack). */
  overduePulses(now: number): string[] {
    return [...this.outputs]
      .filter(([, o]) => o.active && o.pulseUntil !== null && o.pulseUntil + this.#o.pulseEndSlackMs < now)
      .map(([id, o]) => `${id} still on at ${new Date(now).toISOString()}, its pulse ended at ${new Date(o.pulseUntil!).toISOString()} (seq ${o.seq})`);
  }

  /**
   * Reads the whole journal again from seq 1 and says whether the entries checked so far are
   * still there, unchanged: an append-only journal never rewrites its past.
   */
  async pastIsUnchanged(client: DigestClient): Promise<boolean> {
    const again = createHash('sha256');
    const events = await allEvents(client, '', 1000, 0);
    for (const e of events) if (e.seq <= this.#lastSeq) again.update(`${JSON.stringify(e)}\n`);
    return again.digest('hex') === this.#hash.copy().digest('hex');
  }

  #onStart(e: EventJson): void {
    this.#lives++;
    const missing = this.#o.outputs.filter((id) => !this.#startupWrites.has(id));
    if (missing.length > 0) this.#problem(e, `start without a start-up write of ${missing.join(', ')}`);
    this.#startupWrites = new Set();
  }

  #onInput(e: EventJson): void {
    const id = e.channel ?? '?';
    const level = e.data.level as 0 | 1;
    const pulses = e.data.pulses as number;
    const prev = this.inputs.get(id) ?? { level: 0, pulses: 0, falls: 0, life: this.#lives };
    const falls = prev.falls + (level === 0 ? 1 : 0);
    // The hub journals changes only; the same level twice means an edge made up at start-up,
    // unless auxio restarted in between (the first level read after a start is state, not an edge).
    if (level === prev.level && prev.life === this.#lives) this.#problem(e, `${id} level ${level} twice in one life`);
    if (level === 0 && prev.life !== this.#lives && prev.level === 0) this.#problem(e, `${id}: a fall right after a start that read level 0`);
    if (pulses !== prev.pulses + (level === 0 ? 1 : 0)) this.#problem(e, `${id} total ${pulses} after ${prev.pulses} at level ${level}`);
    if (pulses !== falls) this.#problem(e, `${id} total ${pulses}, but the journal holds ${falls} falls`);
    // Counted from the journal's total after a mismatch, so one wrong entry is reported once.
    this.inputs.set(id, { level, pulses, falls: pulses, life: this.#lives });
  }

  #onOutput(e: EventJson): void {
    const id = e.channel ?? '?';
    const active = e.data.active as boolean;
    const pulseUntil = e.data.pulseUntil as number | null;
    const time = Date.parse(e.time);
    const prev = this.outputs.get(id);
    if (pulseUntil !== null && !active) this.#problem(e, `${id} off with a pulse deadline`);
    if (e.actor === 'startup') {
      if (this.#startupWrites.has(id)) this.#problem(e, `${id} written twice at start-up`);
      this.#startupWrites.add(id);
    }
    const pulsing = prev !== undefined && prev.active && prev.pulseUntil !== null;
    if (pulsing && e.actor === 'startup') {
      // auxio was down at the deadline: the pulse ends at start-up, or goes on to the same deadline.
      const ok = time >= prev.pulseUntil! ? !active : active && pulseUntil === prev.pulseUntil;
      if (!ok) this.#problem(e, `${id} at start-up ${JSON.stringify(e.data)} after a pulse until ${prev.pulseUntil}`);
    } else if (pulsing) {
      const late = time - prev.pulseUntil!;
      if (e.actor === 'pulse') {
        this.latestPulseEndMs = Math.max(this.latestPulseEndMs, late);
        if (late < 0 || active) this.#problem(e, `${id} pulse end ${JSON.stringify(e.data)} ${-late} ms before its deadline`);
      }
      if (late > this.#o.pulseEndSlackMs) this.#problem(e, `${id} stayed on ${late} ms past its pulse deadline (seq ${prev.seq})`);
    } else if (e.actor === 'pulse') {
      this.#problem(e, `${id}: a pulse end with no pulse running`);
    }
    this.outputs.set(id, { active, pulseUntil, time, seq: e.seq, actor: e.actor });
  }

  #onSnapshot(e: EventJson): void {
    const id = e.data.id as number;
    if (this.snapshots.has(id)) this.#problem(e, `picture ${id} journaled twice`);
    this.snapshots.set(id, { bytes: e.data.bytes as number, width: e.data.width as number, height: e.data.height as number });
  }

  #problem(e: EventJson, text: string): void {
    this.problems.push(`seq ${e.seq} (${e.kind} ${e.channel ?? ''} ${e.actor ?? ''}): ${text}`);
  }
}
