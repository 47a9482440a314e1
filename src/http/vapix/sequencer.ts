import { setTimeout as sleep } from 'node:timers/promises';
import type { OutputState, RelayControl } from '../../io/index.ts';
import type { SequenceOp, SequencePlan } from './sequence-plan.ts';

/** Where a sequence that failed half-way is reported (it has no request left to answer). */
export interface SequenceLog {
  error(obj: object, msg: string): void;
}

/**
 * Runs VAPIX switch sequences, at most one per output. The switches due at once are made before
 * `start` resolves (so the answer follows the switch, as relayon.txt's does); the rest run in the
 * background. A newer command on the same output cancels what is left: `start` again, or `cancel`.
 * Every switch goes through `RelayControl` with the requester's actor, so each one is journaled.
 */
export class OutputSequencer {
  readonly #relay: RelayControl;
  readonly #log: SequenceLog;
  readonly #running = new Map<number, AbortController>();

  constructor(relay: RelayControl, log: SequenceLog) {
    this.#relay = relay;
    this.#log = log;
  }

  /** Starts a plan on output `index` (1-based), cancelling any sequence running there. */
  async start(index: number, plan: SequencePlan, actor: string): Promise<OutputState | null> {
    this.cancel(index);
    const controller = new AbortController();
    // Registered before the first switch, so a command arriving meanwhile cancels this one.
    this.#running.set(index, controller);
    const startedAt = Date.now();
    let state: OutputState | null = null;
    let i = 0;
    try {
      for (; i < plan.ops.length && plan.ops[i]!.atMs === 0 && !controller.signal.aborted; i++) {
        state = await this.#apply(index, plan.ops[i]!, actor);
      }
    } catch (err) {
      this.#finish(index, controller);
      throw err;
    }
    if (i === plan.ops.length && plan.durationMs === 0) this.#finish(index, controller);
    else void this.#runLater(index, plan, plan.ops.slice(i), actor, startedAt, controller);
    return state;
  }

  /** Stops what is left of the sequence on output `index`; switches already made stay. */
  cancel(index: number): void {
    this.#running.get(index)?.abort();
    this.#running.delete(index);
  }

  /** True while a sequence on output `index` has switches or hold time left. */
  busy(index: number): boolean {
    return this.#running.has(index);
  }

  /** Cancels every sequence (server shutdown). */
  stopAll(): void {
    for (const index of [...this.#running.keys()]) this.cancel(index);
  }

  async #runLater(index: number, plan: SequencePlan, ops: SequenceOp[], actor: string, startedAt: number, controller: AbortController) {
    const { signal } = controller;
    try {
      for (const op of ops) {
        await sleep(Math.max(0, startedAt + op.atMs - Date.now()), undefined, { signal });
        // A command may have cancelled us between the timer and this line.
        signal.throwIfAborted();
        await this.#apply(index, op, actor);
      }
      await sleep(Math.max(0, startedAt + plan.durationMs - Date.now()), undefined, { signal });
    } catch (err) {
      if (!signal.aborted) this.#log.error({ err, output: index, actor }, 'VAPIX sequence stopped by an error');
    } finally {
      this.#finish(index, controller);
    }
  }

  #apply(index: number, op: SequenceOp, actor: string): Promise<OutputState> {
    return op.kind === 'pulse' ? this.#relay.pulseOutput(index, op.ms, actor) : this.#relay.setOutput(index, op.active, actor);
  }

  #finish(index: number, controller: AbortController): void {
    if (this.#running.get(index) === controller) this.#running.delete(index);
  }
}
