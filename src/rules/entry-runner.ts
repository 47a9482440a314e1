import type { Journal } from '../journal/index.ts';
import { runCommand, type RunContext } from './actions.ts';
import type { ScriptCapabilities } from './capabilities.ts';
import type { Entry } from './script-types.ts';

/** Why an entry runs: a label for people, and the journal seq of the edge that caused it. */
export interface Trigger {
  label: string;
  cause: number | null;
}

/**
 * Runs one entry's commands in sequence. The rule for a trigger that comes while the entry runs:
 * the first one waits and runs right after (so a door that opens again during the 10 s lamp is
 * not missed), any further one is skipped while one waits. Queued and skipped triggers are both
 * journaled: nothing is lost silently.
 */
export class EntryRunner {
  #running = false;
  #queued: Trigger | null = null;
  #idle: Promise<void> = Promise.resolve();

  constructor(
    readonly entry: Entry,
    private readonly caps: ScriptCapabilities,
    private readonly journal: Journal,
    private readonly signal: AbortSignal,
  ) {}

  /** Resolves when the entry has no run going or waiting. */
  get idle(): Promise<void> {
    return this.#idle;
  }

  fire(trigger: Trigger): void {
    if (this.signal.aborted) return;
    if (!this.#running) {
      this.#running = true;
      this.#idle = this.#loop(trigger);
      return;
    }
    const outcome = this.#queued ? 'skipped' : 'queued';
    if (!this.#queued) this.#queued = trigger;
    this.#record(null, trigger, outcome);
  }

  async #loop(first: Trigger): Promise<void> {
    for (let trigger: Trigger | null = first; trigger && !this.signal.aborted; ) {
      await this.#run(trigger);
      trigger = this.#queued;
      this.#queued = null;
    }
    this.#running = false;
  }

  async #run(trigger: Trigger): Promise<void> {
    const run = this.#record(null, trigger, 'started');
    const ctx: RunContext = {
      entry: this.entry.index,
      run,
      actor: `script:${this.entry.index}#${run}`,
      label: trigger.label,
      lastSnapshot: null,
      signal: this.signal,
    };
    for (const command of this.entry.commands) {
      try {
        await runCommand(command, ctx, this.caps);
      } catch (err) {
        const message = this.signal.aborted ? 'stopped' : (err as Error).message;
        this.#record(run, trigger, 'failed', `line ${command.line}, column ${command.column}: ${command.name}: ${message}`);
        return;
      }
    }
    this.#record(run, trigger, 'finished');
  }

  #record(run: number | null, trigger: Trigger, outcome: 'started' | 'queued' | 'skipped' | 'finished' | 'failed', message?: string): number {
    const event = this.journal.append({
      kind: 'script_run',
      actor: `script:${this.entry.index}`,
      data: {
        entry: this.entry.index,
        run,
        trigger: trigger.label,
        outcome,
        cause: trigger.cause,
        ...(message !== undefined ? { message } : {}),
      },
    });
    return event.seq;
  }
}
