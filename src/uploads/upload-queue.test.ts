import assert from 'node:assert/strict';
import { once } from 'node:events';
import { test } from 'node:test';
import { isUploadError } from './errors.ts';
import { sampleItem } from './item.fixture.ts';
import { outcomeLog, summary } from './outcomes.fixture.ts';
import { failure, gate, ScriptedTarget, sleep } from './scripted-target.fixture.ts';
import type { Timers } from './timers.ts';
import { UploadQueue } from './upload-queue.ts';

const fast = { initialDelayMs: 20, maxDelayMs: 1000 };
const item = (fileName: string) => sampleItem({ fileName });

/** Timers that only fire when the test says so. */
function manualTimers() {
  const pending = new Map<number, { fn: () => void; ms: number }>();
  let next = 0;
  const timers: Timers = {
    setTimeout: (fn, ms) => (pending.set(++next, { fn, ms }), next),
    clearTimeout: (handle) => void pending.delete(handle as number),
  };
  const fireAll = (): void => {
    for (const [id, { fn }] of [...pending]) {
      pending.delete(id);
      fn();
    }
  };
  return { timers, pending, fireAll };
}

test('a success is reported once, with the target kind and attempt 1', async () => {
  const log = outcomeLog();
  const queue = new UploadQueue({ targets: [new ScriptedTarget('nas', undefined, 'mail')], onOutcome: log.onOutcome });

  queue.enqueue('nas', item('a.jpg'));
  await log.waitFor((o) => o.length === 1);

  assert.deepEqual(log.outcomes.map(({ at, ...o }) => o), [{ target: 'nas', kind: 'mail', fileName: 'a.jpg', attempt: 1, ok: true, willRetry: false }]);
});

test('retryable failures are retried with doubling delays until one succeeds', async () => {
  const log = outcomeLog();
  const target = new ScriptedTarget('nas', async (_item, call) => {
    if (call < 2) throw failure('UPLOAD_CONNECT');
  });
  const queue = new UploadQueue({ targets: [target], retry: fast, onOutcome: log.onOutcome });

  queue.enqueue('nas', item('a.jpg'));
  await log.waitFor((o) => o.some((x) => x.ok));

  assert.deepEqual(summary(log.outcomes), ['nas a.jpg #1 UPLOAD_CONNECT retry in 20', 'nas a.jpg #2 UPLOAD_CONNECT retry in 40', 'nas a.jpg #3 ok final']);
  const [first, second, third] = log.outcomes.map((o) => o.at) as [number, number, number];
  assert.ok(second - first >= 18 && third - second >= 38, `waited the back-off: ${first} ${second} ${third}`);
  assert.equal(log.outcomes[0]!.error?.message, 'upload target "t": cannot reach the server: scripted');
});

test('gives up after `attempts`; a failure that is not retryable is final at once', async () => {
  const log = outcomeLog();
  const down = new ScriptedTarget('down', async () => Promise.reject(failure('UPLOAD_TIMEOUT')));
  const auth = new ScriptedTarget('auth', async () => Promise.reject(failure('UPLOAD_AUTH')));
  const queue = new UploadQueue({ targets: [down, auth], retry: { ...fast, attempts: 3 }, onOutcome: log.onOutcome });

  queue.enqueue('down', item('a.jpg'));
  queue.enqueue('auth', item('b.jpg'));
  await log.waitFor((o) => o.filter((x) => !x.willRetry).length === 2);
  await sleep(100); // nothing more may come

  assert.deepEqual(summary(log.outcomes.filter((o) => o.target === 'down')), [
    'down a.jpg #1 UPLOAD_TIMEOUT retry in 20',
    'down a.jpg #2 UPLOAD_TIMEOUT retry in 40',
    'down a.jpg #3 UPLOAD_TIMEOUT final',
  ]);
  assert.deepEqual(summary(log.outcomes.filter((o) => o.target === 'auth')), ['auth b.jpg #1 UPLOAD_AUTH final']);
  assert.equal(down.calls.length, 3);
  assert.equal(auth.calls.length, 1);
});

test('an unknown target is reported at once and enqueue does not throw', () => {
  const log = outcomeLog();
  const queue = new UploadQueue({ targets: new Map([['nas', new ScriptedTarget('nas')]]), onOutcome: log.onOutcome });

  queue.enqueue('nsa', item('a.jpg'));

  assert.equal(queue.has('nas'), true);
  assert.equal(queue.has('nsa'), false);
  assert.deepEqual(log.outcomes.map(({ at, ...o }) => o), [
    {
      target: 'nsa',
      fileName: 'a.jpg',
      attempt: 0,
      ok: false,
      error: { code: 'UPLOAD_UNKNOWN_TARGET', message: 'upload target "nsa": no upload target has this name' },
      willRetry: false,
    },
  ]);
});

test('one upload at a time per target, in order; targets run in parallel', async () => {
  const log = outcomeLog();
  const slow = async (): Promise<void> => sleep(30);
  const a = new ScriptedTarget('a', slow);
  const b = new ScriptedTarget('b', slow);
  const queue = new UploadQueue({ targets: [a, b], onOutcome: log.onOutcome });

  for (const name of ['1.jpg', '2.jpg', '3.jpg']) {
    queue.enqueue('a', item(name));
    queue.enqueue('b', item(name));
  }
  await log.waitFor((o) => o.length === 6);

  assert.equal(a.maxInFlight, 1);
  assert.equal(b.maxInFlight, 1);
  assert.deepEqual(a.calls, ['1.jpg', '2.jpg', '3.jpg']);
  assert.deepEqual(b.calls, ['1.jpg', '2.jpg', '3.jpg']);
  // In parallel, the last outcome comes after about 3 sends, not 6.
  assert.ok(log.outcomes[5]!.at < 6 * 30, `took ${log.outcomes[5]!.at} ms`);
});

test('beyond maxPending the oldest waiting item is dropped and reported; the one in flight keeps its place', async () => {
  const log = outcomeLog();
  const hold = gate();
  const target = new ScriptedTarget('nas', async (_item, call) => (call === 0 ? hold.promise : undefined));
  const queue = new UploadQueue({ targets: [target], maxPending: 2, onOutcome: log.onOutcome });

  for (const name of ['1.jpg', '2.jpg', '3.jpg', '4.jpg', '5.jpg']) queue.enqueue('nas', item(name));
  assert.deepEqual(summary(log.outcomes), ['nas 2.jpg #0 UPLOAD_DROPPED final', 'nas 3.jpg #0 UPLOAD_DROPPED final']);
  assert.equal(log.outcomes[0]!.error?.message, 'upload target "nas": dropped: more than 2 items were waiting');

  hold.open();
  await log.waitFor((o) => o.length === 5);
  assert.deepEqual(target.calls, ['1.jpg', '4.jpg', '5.jpg']);
  assert.deepEqual(summary(log.outcomes.slice(2)), ['nas 1.jpg #1 ok final', 'nas 4.jpg #1 ok final', 'nas 5.jpg #1 ok final']);
});

test('stop() cancels the back-off timer and waiting items, lets the attempt in flight finish, refuses new items', async () => {
  const log = outcomeLog();
  const manual = manualTimers();
  const hold = gate();
  const flaky = new ScriptedTarget('flaky', async () => Promise.reject(failure('UPLOAD_CONNECT')));
  const busy = new ScriptedTarget('busy', async () => hold.promise);
  const queue = new UploadQueue({ targets: [flaky, busy], retry: fast, timers: manual.timers, onOutcome: log.onOutcome });

  queue.enqueue('flaky', item('a.jpg'));
  queue.enqueue('flaky', item('b.jpg'));
  queue.enqueue('busy', item('c.jpg'));
  await log.waitFor((o) => o.length === 1); // a.jpg failed and waits out its back-off
  assert.deepEqual([...manual.pending.values()].map((p) => p.ms), [20]);

  let stopped = false;
  const stopping = queue.stop().then(() => (stopped = true));
  assert.equal(manual.pending.size, 0, 'the retry timer is cleared');
  assert.deepEqual(summary(log.outcomes), [
    'flaky a.jpg #1 UPLOAD_CONNECT retry in 20',
    'flaky a.jpg #1 UPLOAD_CANCELLED final',
    'flaky b.jpg #0 UPLOAD_CANCELLED final',
  ]);
  await sleep(10);
  assert.equal(stopped, false, 'stop() waits for the send in flight');
  hold.open();
  await stopping;
  assert.deepEqual(summary(log.outcomes.slice(3)), ['busy c.jpg #1 ok final']);

  queue.enqueue('flaky', item('d.jpg'));
  assert.deepEqual(summary(log.outcomes.slice(4)), ['flaky d.jpg #0 UPLOAD_CANCELLED final']);
  assert.deepEqual(flaky.calls, ['a.jpg']);
});

test('a failing attempt that ends after stop() is final, not retried', async () => {
  const log = outcomeLog();
  const manual = manualTimers();
  const hold = gate();
  const target = new ScriptedTarget('nas', async () => {
    await hold.promise;
    throw failure('UPLOAD_CONNECT');
  });
  const queue = new UploadQueue({ targets: [target], retry: fast, timers: manual.timers, onOutcome: log.onOutcome });

  queue.enqueue('nas', item('a.jpg'));
  const stopping = queue.stop();
  hold.open();
  await stopping;

  assert.deepEqual(summary(log.outcomes), ['nas a.jpg #1 UPLOAD_CONNECT final']);
  assert.equal(manual.pending.size, 0);
});

test('a listener that calls stop() while a retry is being reported cancels that retry', async () => {
  const manual = manualTimers();
  const seen: string[] = [];
  const target = new ScriptedTarget('nas', async () => Promise.reject(failure('UPLOAD_CONNECT')));
  const queue: UploadQueue = new UploadQueue({
    targets: [target],
    retry: fast,
    timers: manual.timers,
    onOutcome: (o) => {
      seen.push(summary([o])[0]!);
      if (o.willRetry) void queue.stop();
    },
  });

  queue.enqueue('nas', item('a.jpg'));
  await sleep(10);
  manual.fireAll();
  await sleep(10);

  assert.deepEqual(seen, ['nas a.jpg #1 UPLOAD_CONNECT retry in 20', 'nas a.jpg #1 UPLOAD_CANCELLED final']);
  assert.equal(target.calls.length, 1);
});

test('a target that throws something else is UPLOAD_INTERNAL, not retried', async () => {
  const log = outcomeLog();
  const target = new ScriptedTarget('nas', async () => Promise.reject(new TypeError('oops')));
  const queue = new UploadQueue({ targets: [target], retry: fast, onOutcome: log.onOutcome });

  queue.enqueue('nas', item('a.jpg'));
  await log.waitFor((o) => o.length === 1);
  await sleep(50);

  assert.deepEqual(summary(log.outcomes), ['nas a.jpg #1 UPLOAD_INTERNAL final']);
  assert.equal(log.outcomes[0]!.error?.message, 'upload target "nas": unexpected failure: oops');
});

test('a throwing onOutcome is a warning and does not stall the target', async () => {
  const target = new ScriptedTarget('nas');
  let calls = 0;
  const queue = new UploadQueue({
    targets: [target],
    onOutcome: () => {
      calls++;
      throw new Error('journal full');
    },
  });
  const warned = once(process, 'warning');

  queue.enqueue('nas', item('a.jpg'));
  queue.enqueue('nas', item('b.jpg'));
  const [warning] = (await warned) as [Error];
  await sleep(20);

  assert.match(warning.message, /onOutcome threw for nas a\.jpg: Error: journal full/);
  assert.deepEqual(target.calls, ['a.jpg', 'b.jpg']);
  assert.equal(calls, 2);
});

test('bad settings are UPLOAD_CONFIG', () => {
  const onOutcome = (): void => undefined;
  const twins = [new ScriptedTarget('nas'), new ScriptedTarget('nas')];
  for (const make of [
    () => new UploadQueue({ targets: twins, onOutcome }),
    () => new UploadQueue({ targets: [], maxPending: 0, onOutcome }),
    () => new UploadQueue({ targets: [], retry: { attempts: 0 }, onOutcome }),
  ]) {
    assert.throws(make, (e: unknown) => isUploadError(e, 'UPLOAD_CONFIG'));
  }
});
