import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { RawLevelChange } from '../backend.ts';
import { FakeGpioTools } from '../../../test/support/fake-gpio-tools.ts';
import { backendContract } from './backend.contract.ts';
import { isBackendFault } from './backend-fault.ts';
import { GpiochipBackend, type GpiochipOptions } from './gpiochip.ts';
import { kernelTimeToEpochMs, parseMonitorLine } from './gpio-tools.ts';

// This machine has no /dev/gpiochip* and no configfs, so gpio-sim cannot be set up. The backend
// runs against fakes of exactly the surface it uses: libgpiod 1.6's gpiofind, gpioget, gpiomon,
// gpioset and gpioinfo, as executables in a temp dir given as `toolsDir`, printing the real
// formats for the arguments passed, holding lines (EBUSY for a second request) and exiting as the
// real ones do (test/support/fake-gpio-tools.ts). On a board, the same tests can be pointed at gpio-sim.

const CHIP = 'gpiochip0';

/** Waits until `done()` holds or `ms` passed. */
async function until(done: () => boolean, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!done() && Date.now() < deadline) await sleep(10);
}

async function rig(options: Omit<GpiochipOptions, 'toolsDir'>): Promise<{ fake: FakeGpioTools; backend: GpiochipBackend; close(): Promise<void> }> {
  const fake = await FakeGpioTools.create([{ name: CHIP, lines: 32, names: { 17: 'DOOR' } }, { name: 'gpiochip1', lines: 8, names: { 3: 'GATE' } }]);
  // Each fake is a Node process (~100 ms to start on a loaded machine, the real tools take ~1 ms):
  // a generous request timeout keeps a busy CI from failing a request that is merely slow.
  const backend = new GpiochipBackend({ requestTimeoutMs: 15_000, ...options, toolsDir: fake.dir });
  return { fake, backend, close: async () => (await backend.stop(), await fake.close()) };
}

backendContract({
  name: 'gpiochip (fake libgpiod 1.6 tools)',
  settleMs: 200,
  faultMs: 8000,
  create: async (initial) => {
    // Two gpiomon groups (bias differs), one line by number and one by name.
    const { fake, backend, close } = await rig({ inputs: [{ line: 4, bias: 'pull-up' }, { line: 'DOOR' }], outputs: [{ line: 20 }, { line: 21 }] });
    const inputLines = [4, 17];
    inputLines.forEach((line, i) => fake.setInput(CHIP, line, initial[i]!));
    return {
      backend,
      setInput: async (input, level) => fake.setInput(CHIP, inputLines[input]!, level),
      outputLevel: async (output) => fake.wire(CHIP, 20 + output),
      loseHardware: async () => fake.removeChip(CHIP),
      restoreHardware: async () => fake.restoreChip(CHIP),
      leftovers: async () => {
        await until(() => fake.running().length === 0, 1000);
        return fake.running().map((r) => `${r.tool} (pid ${r.pid}) holding ${r.lines.join(', ')}`);
      },
      close,
    };
  },
});

describe('gpiomon output and kernel timestamps', () => {
  it('parses the --format=%e %o %s %n line, nanoseconds not zero-padded as 1.6 prints them', () => {
    assert.deepEqual(parseMonitorLine('1 17 1234 5678\n'), { rising: true, offset: 17, ns: 1_234_000_005_678n });
    assert.deepEqual(parseMonitorLine('0 4 0 999999999'), { rising: false, offset: 4, ns: 999_999_999n });
    assert.equal(parseMonitorLine('event:  RISING EDGE offset: 17 timestamp: [1.000000001]'), null);
  });

  it('moves a CLOCK_MONOTONIC stamp onto the wall clock, and takes a CLOCK_REALTIME one as it is', () => {
    const monotonic = process.hrtime.bigint() - 250_000_000n;
    assert.ok(Math.abs(kernelTimeToEpochMs(monotonic) - (Date.now() - 250)) < 5);
    const realtime = BigInt(Date.now() - 1000) * 1_000_000n;
    assert.ok(Math.abs(kernelTimeToEpochMs(realtime) - (Date.now() - 1000)) < 5);
  });
});

describe('GpiochipBackend', () => {
  let r: Awaited<ReturnType<typeof rig>>;
  before(async () => {
    r = await rig({
      inputs: [{ line: 4, bias: 'pull-up' }, { line: 5, bias: 'pull-up', activeLow: true }, { line: 'GATE', bias: 'pull-down' }],
      outputs: [{ line: 20 }, { line: 21, activeLow: true }],
    });
    r.fake.setInput(CHIP, 5, 1);
    await r.backend.start();
  });
  after(() => r.close());

  it('calls the tools as libgpiod 1.6 takes them: gpiofind for names, every gpioget before any gpiomon, one gpiomon per chip and flags', () => {
    const calls = r.fake.calls().map((c) => `${c.tool} ${c.argv.join(' ')}`).filter((c) => !c.startsWith('gpioinfo'));
    assert.equal(calls[0], 'gpiofind GATE');
    // The groups are read (and then watched) in parallel: the order within each step is free.
    assert.deepEqual(calls.slice(1, 4).sort(), [
      'gpioget --bias=pull-down gpiochip1 3',
      'gpioget --bias=pull-up --active-low gpiochip0 5',
      'gpioget --bias=pull-up gpiochip0 4',
    ]);
    assert.deepEqual(calls.slice(4).sort(), [
      'gpiomon --format=%e %o %s %n --line-buffered --bias=pull-down gpiochip1 3',
      'gpiomon --format=%e %o %s %n --line-buffered --bias=pull-up --active-low gpiochip0 5',
      'gpiomon --format=%e %o %s %n --line-buffered --bias=pull-up gpiochip0 4',
    ]);
  });

  it('reads active-low lines through the kernel inversion, and an edge carries the kernel time', async () => {
    assert.deepEqual(await r.backend.readInputs(), [0, 0, 0]);
    const seen: RawLevelChange[] = [];
    r.backend.on('level', (c) => seen.push(c));
    // An edge the kernel stamped 2 s before gpiomon printed it: `at` is the stamp, not the arrival.
    const stampedAt = Date.now() - 2000;
    r.fake.setInput('gpiochip1', 3, 1, process.hrtime.bigint() - 2_000_000_000n);
    r.fake.setInput(CHIP, 5, 0);
    await until(() => seen.length === 2);
    // Two gpiomon processes: their lines reach auxio in either order.
    assert.deepEqual(seen.map(({ input, level }) => [input, level]).sort(), [[1, 1], [2, 1]]);
    const stamped = seen.find((c) => c.input === 2)!;
    assert.ok(Math.abs(stamped.at - stampedAt) < 25, `at is ${stamped.at - stampedAt} ms off the kernel's stamp`);
  });

  it('holds an output with gpioset --mode=wait until the next write, and inverts an active-low one in the kernel', async () => {
    await r.backend.writeOutput(0, 1);
    await r.backend.writeOutput(1, 1);
    assert.equal(r.fake.wire(CHIP, 20), 1);
    assert.equal(r.fake.wire(CHIP, 21), 0);
    await sleep(100);
    assert.equal(r.fake.wire(CHIP, 20), 1, 'still held: a gpioset that exits lets the line fall back');
    const sets = r.fake.running().filter((p) => p.tool === 'gpioset');
    assert.deepEqual(sets.map((p) => p.lines).sort(), [['gpiochip0 20'], ['gpiochip0 21']]);
    assert.ok(r.fake.calls().some((c) => c.tool === 'gpioset' && c.argv.join(' ') === '--mode=wait --active-low gpiochip0 21=1'));
    await r.backend.writeOutput(0, 0);
    assert.equal(r.fake.wire(CHIP, 20), 0);
  });

  it('a gpioset that is killed is a fault, and the line is held again at the same level', async () => {
    await r.backend.writeOutput(0, 1);
    const faults: Array<string | null> = [];
    r.backend.on('fault', (f) => faults.push(f?.message ?? null));
    r.fake.kill('gpioset');
    await until(() => faults.at(-1) === null && r.fake.wire(CHIP, 20) === 1);
    assert.match(faults[0] ?? '', /gpioset ended/);
    assert.equal(faults.at(-1), null);
    assert.equal(r.fake.wire(CHIP, 20), 1);
    assert.equal(r.fake.wire(CHIP, 21), 0, 'the active-low output is back at its level too');
  });

  it('a gpiomon that dies is a fault; the inputs are re-read and watched again, with back-off', async () => {
    const events: string[] = [];
    const onFault = (f: { message: string } | null): void => void events.push(f ? `fault: ${f.message}` : 'ok');
    const onLevel = (c: RawLevelChange): void => void events.push(`in${c.input}=${c.level}`);
    r.backend.on('fault', onFault).on('level', onLevel);
    const callsBefore = r.fake.calls().length;
    r.fake.kill('gpiomon');
    r.fake.setInput(CHIP, 4, 1);
    await until(() => events.includes('ok'));
    r.backend.off('fault', onFault).off('level', onLevel);
    assert.match(events[0]!, /^fault: gpiomon on gpiochip\d lines \d stopped/);
    assert.deepEqual(events.slice(-2), ['ok', 'in0=1'], events.join(' | '));
    // All three were ended and started again: gets first (they fail while gpiomon holds a line).
    const again = r.fake.calls().slice(callsBefore).map((c) => c.tool).filter((t) => t !== 'gpioinfo');
    assert.deepEqual(again.slice(-6), ['gpioget', 'gpioget', 'gpioget', 'gpiomon', 'gpiomon', 'gpiomon']);
    assert.equal(r.fake.running().filter((p) => p.tool === 'gpiomon').length, 3);
  });

  it('a write while the chip is gone is refused as a backend fault; once it is back the write works and the fault clears', async () => {
    const faults: Array<string | null> = [];
    r.backend.on('fault', (f) => faults.push(f?.message ?? null));
    r.fake.removeChip(CHIP);
    await until(() => faults.length > 0);
    await assert.rejects(r.backend.writeOutput(0, 0), (err) => isBackendFault(err) && /No such file or directory/.test(err.message));
    r.fake.restoreChip(CHIP);
    await until(() => r.fake.running().filter((p) => p.tool === 'gpiomon').length === 3, 5000);
    await r.backend.writeOutput(0, 1);
    assert.equal(r.fake.wire(CHIP, 20), 1);
    await until(() => faults.at(-1) === null);
    assert.equal(faults.at(-1), null, faults.join(' | '));
  });
});

describe('GpiochipBackend start-up errors', () => {
  it('an unknown line name makes start() fail with the name, and leaves nothing running', async (t) => {
    const { fake, backend, close } = await rig({ inputs: [{ line: 'NOPE' }], outputs: [] });
    t.after(close);
    await assert.rejects(backend.start(), /no GPIO line is named "NOPE"/);
    assert.deepEqual(fake.running(), []);
  });

  it('a line held by someone else makes start() fail with the kernel\'s EBUSY, as gpioget says it', async (t) => {
    const { fake, backend, close } = await rig({ inputs: [{ line: 4 }], outputs: [] });
    const other = new GpiochipBackend({ inputs: [{ line: 4 }], outputs: [], toolsDir: fake.dir });
    t.after(async () => (await other.stop(), await close()));
    await other.start();
    await assert.rejects(backend.start(), /gpioget: error reading GPIO values: Device or resource busy/);
  });

  it('the same line twice is refused before any tool runs on it', async (t) => {
    const { fake, backend, close } = await rig({ inputs: [{ line: 17 }], outputs: [{ line: 'DOOR' }] });
    t.after(close);
    await assert.rejects(backend.start(), /gpiochip0 line 17 is configured twice/);
    assert.deepEqual(fake.calls().map((c) => c.tool), ['gpiofind']);
  });
});
