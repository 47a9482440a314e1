/**
 * Folds the health of a backend's parts (one gpiomon per group, one gpioset per output, one
 * connection) into the single `fault` stream the hub hears: the first broken part raises a fault,
 * a change in what is broken updates it, and the last part to recover clears it with `null`.
 */
export class FaultTracker {
  readonly #broken = new Map<string, string>();
  readonly #emit: (fault: { message: string } | null) => void;

  constructor(emit: (fault: { message: string } | null) => void) {
    this.#emit = emit;
  }

  get faulted(): boolean {
    return this.#broken.size > 0;
  }

  /** The current message, or null when every part is healthy. */
  get message(): string | null {
    return this.#broken.size > 0 ? [...this.#broken.values()].join('; ') : null;
  }

  /** Marks one part broken (`message`) or healthy (`null`); emits only when the summary changes. */
  set(part: string, message: string | null): void {
    const before = this.message;
    if (message === null) this.#broken.delete(part);
    else this.#broken.set(part, message);
    const after = this.message;
    if (after !== before) this.#emit(after === null ? null : { message: after });
  }

  /** Forgets every part without emitting (stop(): nothing is watched any more). */
  clear(): void {
    this.#broken.clear();
  }
}
