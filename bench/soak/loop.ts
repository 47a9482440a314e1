import { setTimeout as sleep } from 'node:timers/promises';
import { performance } from 'node:perf_hooks';

/** A running loop; `stop()` resolves once the iteration in flight has finished. */
export interface Loop {
  stop(): Promise<void>;
}

/**
 * Runs `body` once every `periodMs` (measured start to start; at once again when a run took longer)
 * until stopped. A throw is handed to `onError` and the loop goes on: a soak counts failures, it
 * does not stop at the first one.
 */
export function every(periodMs: number, body: () => Promise<void>, onError: (err: unknown) => void): Loop {
  let stopped = false;
  let wake: () => void = () => {};
  const done = (async () => {
    while (!stopped) {
      const start = performance.now();
      try {
        await body();
      } catch (err) {
        onError(err);
      }
      const left = periodMs - (performance.now() - start);
      if (left > 0 && !stopped) {
        const abort = new AbortController();
        wake = () => abort.abort();
        await sleep(left, undefined, { signal: abort.signal }).catch(() => {});
      }
    }
  })();
  return {
    async stop() {
      stopped = true;
      wake();
      await done;
    },
  };
}
