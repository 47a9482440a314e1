import type { Journal } from './journal.ts';

/** How much history the journal keeps; the state it implies (pulse totals, relays) is never pruned. */
export interface JournalRetentionPolicy {
  maxAgeDays?: number | undefined;
  maxEvents?: number | undefined;
}

// Small batches, each its own transaction: appends (edges) wait for at most one batch.
const BATCH = 2000;

/**
 * Deletes the oldest entries beyond the policy, a batch at a time, yielding between batches.
 * Seqs are never reused (AUTOINCREMENT), so a client paging with `since` only sees the gap as
 * "older entries are gone", never as new entries under old numbers.
 */
export async function pruneJournal(journal: Journal, policy: JournalRetentionPolicy, now = Date.now()): Promise<number> {
  const { db } = journal;
  const bySeq = db.prepare('SELECT seq FROM events ORDER BY seq DESC LIMIT 1 OFFSET ?');
  const byTime = db.prepare('SELECT MAX(seq) AS seq FROM events WHERE time < ?');
  const remove = db.prepare('DELETE FROM events WHERE seq IN (SELECT seq FROM events WHERE seq <= ? ORDER BY seq LIMIT ?)');
  // Everything up to `upTo` goes: the larger bound of the two rules.
  let upTo = 0;
  if (policy.maxEvents !== undefined) upTo = (bySeq.get(policy.maxEvents) as { seq: number } | undefined)?.seq ?? 0;
  if (policy.maxAgeDays !== undefined) upTo = Math.max(upTo, (byTime.get(now - policy.maxAgeDays * 86_400_000) as { seq: number | null }).seq ?? 0);
  let removed = 0;
  while (upTo > 0) {
    const { changes } = remove.run(upTo, BATCH);
    removed += changes;
    if (changes < BATCH) break;
    await new Promise((resolve) => setImmediate(resolve));
  }
  return removed;
}

/** Prunes at start and then every `everyMs`, telling `onPruned` how many entries went. */
export class JournalRetention {
  #timer: NodeJS.Timeout | null = null;
  #running: Promise<void> = Promise.resolve();

  constructor(
    private readonly o: {
      journal: Journal;
      policy: JournalRetentionPolicy;
      onPruned: (count: number) => void;
      onError: (err: unknown) => void;
      everyMs?: number;
    },
  ) {}

  start(): void {
    if (this.o.policy.maxAgeDays === undefined && this.o.policy.maxEvents === undefined) return;
    this.#run();
    this.#timer = setInterval(() => this.#run(), this.o.everyMs ?? 3_600_000);
    this.#timer.unref();
  }

  /** Stops the timer and waits for a prune in progress, so the database can be closed after. */
  async stop(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    await this.#running;
  }

  #run(): void {
    this.#running = this.#running.then(async () => {
      try {
        const count = await pruneJournal(this.o.journal, this.o.policy);
        if (count > 0) this.o.onPruned(count);
      } catch (err) {
        this.o.onError(err);
      }
    });
  }
}
