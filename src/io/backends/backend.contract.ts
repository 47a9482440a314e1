import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { IoBackend, IoBackendEvents, RawLevelChange } from '../backend.ts';

/**
 * One rig per test: a backend (not yet started) wired to hardware the test can play. Every backend
 * file runs `backendContract` once with its own rig, so all of them are held to one behaviour.
 */
export interface ContractRig {
  /** Two inputs (unless the kind has none) at the levels asked for, and two outputs. */
  backend: IoBackend;
  /** Puts a raw level on an input's wire, as a contact or a sensor would. */
  setInput(input: number, level: 0 | 1): Promise<void>;
  /** The raw level the hardware holds on an output right now. */
  outputLevel(output: number): Promise<0 | 1>;
  /** Takes the hardware away (unplug, server down, tool killed and failing). */
  loseHardware(): Promise<void>;
  /** Brings it back. */
  restoreHardware(): Promise<void>;
  /** Whatever the backend holds open on the hardware side (processes, sockets, lines, fds). */
  leftovers(): Promise<string[]>;
  /** Stops the backend if running and removes the rig's hardware. */
  close(): Promise<void>;
}

export interface ContractSubject {
  name: string;
  create(initial: Array<0 | 1>): Promise<ContractRig>;
  /** Longest time a level change may take to reach a listener (poll period plus slack). */
  settleMs: number;
  /** Longest time a loss or a return may take to show as a fault event (back-off included). */
  faultMs: number;
  /** Parts of the contract that do not apply, each with the reason. */
  skip?: { inputs?: string; fault?: string; rereadAfterStop?: string };
}

type Fault = { message: string } | null;

/** Resolves with the first event `pick` accepts; rejects after `ms`. */
function nextEvent<K extends keyof IoBackendEvents>(
  backend: IoBackend,
  event: K,
  ms: number,
  pick: (v: IoBackendEvents[K][0]) => boolean = () => true,
): Promise<IoBackendEvents[K][0]> {
  return new Promise((resolve, reject) => {
    const on = (value: IoBackendEvents[K][0]): void => {
      if (!pick(value)) return;
      clearTimeout(timer);
      off();
      resolve(value);
    };
    // EventEmitter's typed overloads do not take a listener generic over the event name.
    const emitter = backend as unknown as { on(e: K, l: typeof on): void; off(e: K, l: typeof on): void };
    const off = (): void => emitter.off(event, on);
    const timer = setTimeout(() => (off(), reject(new Error(`no ${event} event within ${ms} ms`))), ms);
    emitter.on(event, on);
  });
}

/** Every event in arrival order, so tests can check what came first. */
function record(backend: IoBackend): Array<['level', RawLevelChange] | ['fault', Fault]> {
  const seen: Array<['level', RawLevelChange] | ['fault', Fault]> = [];
  backend.on('level', (c) => seen.push(['level', c]));
  backend.on('fault', (f) => seen.push(['fault', f]));
  return seen;
}

/** Waits until `done()` holds, or `ms` have passed (the assertions after it say what is missing). */
async function until(done: () => boolean, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!done() && Date.now() < deadline) await sleep(10);
}

async function withRig(subject: ContractSubject, initial: Array<0 | 1>, body: (rig: ContractRig) => Promise<void>): Promise<void> {
  const rig = await subject.create(initial);
  try {
    await body(rig);
  } finally {
    await rig.close();
  }
}

/**
 * Registers the IoBackend contract for one implementation.
 * @example backendContract({ name: 'sim', settleMs: 50, faultMs: 0, create: async (l) => simRig(l), skip: { fault: 'no hardware' } });
 */
export function backendContract(subject: ContractSubject): void {
  const { skip = {} } = subject;
  describe(`IoBackend contract: ${subject.name}`, () => {
    it('start() takes the wire as it is: readInputs gives the levels and no level event is emitted', { skip: skip.inputs ?? false }, () =>
      withRig(subject, [1, 0], async ({ backend }) => {
        const seen = record(backend);
        await backend.start();
        assert.deepEqual(await backend.readInputs(), [1, 0]);
        await sleep(subject.settleMs);
        assert.deepEqual(seen, []);
      }));

    it('a change on a wire arrives as one level event with the raw level and a time', { skip: skip.inputs ?? false }, () =>
      withRig(subject, [0, 0], async (rig) => {
        await rig.backend.start();
        const before = Date.now();
        const rising = nextEvent(rig.backend, 'level', subject.settleMs + 2000);
        await rig.setInput(1, 1);
        const change = await rising;
        assert.equal(change.input, 1);
        assert.equal(change.level, 1);
        assert.ok(change.at >= before - 5 && change.at <= Date.now() + 5, `at ${change.at} is not between ${before} and now`);
        assert.deepEqual(await rig.backend.readInputs(), [0, 1]);
        const falling = nextEvent(rig.backend, 'level', subject.settleMs + 2000);
        await rig.setInput(1, 0);
        assert.deepEqual({ ...(await falling), at: 0 }, { input: 1, level: 0, at: 0 });
      }));

    it('writeOutput resolves once the hardware holds the level', () =>
      withRig(subject, [0, 0], async (rig) => {
        await rig.backend.start();
        assert.equal(rig.backend.outputCount, 2);
        await rig.backend.writeOutput(1, 1);
        assert.equal(await rig.outputLevel(1), 1);
        assert.equal(await rig.outputLevel(0), 0);
        await rig.backend.writeOutput(1, 0);
        assert.equal(await rig.outputLevel(1), 0);
        await rig.backend.writeOutput(0, 1);
        assert.equal(await rig.outputLevel(0), 1);
      }));

    it('writeOutput refuses an output that does not exist', () =>
      withRig(subject, [0, 0], async ({ backend }) => {
        await backend.start();
        await assert.rejects(backend.writeOutput(2, 1), RangeError);
        await assert.rejects(backend.writeOutput(-1, 1), RangeError);
      }));

    it('stop() releases what start() took, hears no more changes, and a second start works', () =>
      withRig(subject, [0, 0], async (rig) => {
        const { backend } = rig;
        await backend.start();
        await backend.writeOutput(0, 1);
        await backend.stop();
        assert.deepEqual(await rig.leftovers(), []);
        const seen = record(backend);
        if (!skip.inputs) {
          await rig.setInput(0, 1);
          await sleep(subject.settleMs);
          assert.deepEqual(seen, []);
        }
        await backend.start();
        await backend.writeOutput(1, 1);
        assert.equal(await rig.outputLevel(1), 1);
        await backend.stop();
        assert.deepEqual(await rig.leftovers(), []);
      }));

    it('start() after a stop reads a change made while stopped, as state, not as an event', { skip: skip.inputs ?? skip.rereadAfterStop ?? false }, () =>
      withRig(subject, [0, 0], async (rig) => {
        const { backend } = rig;
        await backend.start();
        await backend.stop();
        await rig.setInput(1, 1);
        const seen = record(backend);
        await backend.start();
        assert.deepEqual(await backend.readInputs(), [0, 1]);
        await sleep(subject.settleMs);
        assert.deepEqual(seen, []);
      }));

    it('losing the hardware is a fault; its return is fault(null), then the changes made meanwhile', { skip: skip.fault ?? false }, () =>
      withRig(subject, [0, 0], async (rig) => {
        const { backend } = rig;
        await backend.start();
        const seen = record(backend);
        const lost = nextEvent(backend, 'fault', subject.faultMs);
        await rig.loseHardware();
        const fault = await lost;
        assert.ok(fault && typeof fault.message === 'string' && fault.message.length > 0, 'a fault names what is wrong');
        if (!skip.inputs) await rig.setInput(0, 1);
        const back = nextEvent(backend, 'fault', subject.faultMs, (f) => f === null);
        await rig.restoreHardware();
        await back;
        if (!skip.inputs) {
          await until(() => seen.some(([kind]) => kind === 'level'), subject.settleMs + 2000);
          const order = seen.map(([kind, v]) => (kind === 'fault' ? (v === null ? 'ok' : 'fault') : `in${(v as RawLevelChange).input}=${(v as RawLevelChange).level}`));
          assert.deepEqual(order.filter((o) => o !== 'fault'), ['ok', 'in0=1'], `events were ${order.join(', ')}`);
          assert.deepEqual(await backend.readInputs(), [1, 0]);
        }
        await backend.writeOutput(0, 1);
        assert.equal(await rig.outputLevel(0), 1);
      }));
  });
}
