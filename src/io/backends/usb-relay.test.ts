import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { openFdsOn, PtyPeer, startPtyPair, type PtyPair } from '../../../test/support/pty-pair.ts';
import { backendContract } from './backend.contract.ts';
import { lcusFrame, UsbRelayBackend, type UsbRelayOptions } from './usb-relay.ts';

// The board is played on the far end of a socat pty pair: the backend opens ttyA as it would
// /dev/ttyUSB0, the test reads ttyB and checks every byte.

/** Relay states as a board would hold them after these bytes (a bad checksum is a test failure). */
function boardState(bytes: Buffer): Record<number, 0 | 1> {
  assert.equal(bytes.length % 4, 0, `a partial frame: ${bytes.toString('hex')}`);
  const state: Record<number, 0 | 1> = {};
  for (let i = 0; i < bytes.length; i += 4) {
    const [head, channel, on, sum] = bytes.subarray(i, i + 4);
    assert.equal(head, 0xa0);
    assert.equal(sum, (head! + channel! + on!) & 0xff, `checksum of ${bytes.subarray(i, i + 4).toString('hex')}`);
    state[channel!] = on as 0 | 1;
  }
  return state;
}

/** A pair, its peer, and a backend on it; `peer` is replaced when the device comes back. */
async function board(options: Partial<UsbRelayOptions> = {}): Promise<{ pair: PtyPair; peer: () => PtyPeer; backend: UsbRelayBackend; lose(): Promise<void>; restore(): Promise<void>; close(): Promise<void> }> {
  const pair = await startPtyPair();
  let peer = new PtyPeer(pair.b);
  const backend = new UsbRelayBackend({ path: pair.a, channels: 2, ...options });
  return {
    pair,
    peer: () => peer,
    backend,
    lose: async () => (peer.close(), await pair.stop()),
    restore: async () => {
      await pair.start();
      peer = new PtyPeer(pair.b);
    },
    close: async () => (await backend.stop(), peer.close(), await pair.close()),
  };
}

function nextFault(backend: UsbRelayBackend): Promise<{ message: string } | null> {
  return new Promise((resolve) => backend.once('fault', resolve));
}

backendContract({
  name: 'usb-relay (socat pty pair)',
  settleMs: 50,
  faultMs: 3000,
  skip: { inputs: 'an LCUS relay board has no inputs (inputCount 0)' },
  create: async () => {
    const b = await board();
    // socat relays the bytes some time after the write, so the rig counts what the board must have
    // got by now: a frame per write while present, a frame per channel each time the board returns.
    let expected = 0;
    let faulted = false;
    b.backend.on('fault', (f) => ((faulted = f !== null), f === null && (expected += 4 * b.backend.outputCount)));
    const backend = new Proxy(b.backend, {
      get(target, key) {
        if (key === 'writeOutput') {
          return async (output: number, level: 0 | 1) => {
            await target.writeOutput(output, level);
            if (!faulted) expected += 4;
          };
        }
        const value: unknown = Reflect.get(target, key, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    return {
      backend,
      setInput: async () => {},
      outputLevel: async (output) => {
        const bytes = await b.peer().receive(expected, 10_000, 0);
        assert.equal(bytes.length, expected, 'the board got every frame sent');
        return boardState(bytes)[output + 1] ?? 0;
      },
      loseHardware: b.lose,
      restoreHardware: async () => {
        expected = 0;
        await b.restore();
      },
      leftovers: async () => openFdsOn(b.pair.a).map((fd) => `fd ${fd} open on ${b.pair.a}`),
      close: b.close,
    };
  },
});

describe('lcusFrame', () => {
  it('is A0, channel, state, and the low byte of their sum', () => {
    assert.deepEqual(lcusFrame(1, true), Buffer.from([0xa0, 0x01, 0x01, 0xa2]));
    assert.deepEqual(lcusFrame(1, false), Buffer.from([0xa0, 0x01, 0x00, 0xa1]));
    assert.deepEqual(lcusFrame(8, true), Buffer.from([0xa0, 0x08, 0x01, 0xa9]));
  });
});

describe('UsbRelayBackend', () => {
  it('refuses a channel count that no LCUS board has', () => {
    assert.throws(() => new UsbRelayBackend({ path: '/dev/null', channels: 3 as 4 }), RangeError);
  });

  it('sets the line to 9600 raw -echo, writes nothing at start, then sends the exact frames', async (t) => {
    const b = await board({ channels: 8 });
    t.after(b.close);
    // Leave the line as a login shell would, so the test sees the backend's own settings.
    execFileSync('stty', ['-F', b.pair.a, '115200', 'sane', 'echo']);
    await b.backend.start();
    const settings = execFileSync('stty', ['-F', b.pair.a, '-a']).toString();
    assert.match(settings, /speed 9600 baud/);
    for (const flag of ['-echo', '-icanon', '-opost', '-parenb', 'cs8']) assert.match(settings, new RegExp(`(^|\\s)${flag}(\\s|;|$)`));
    await sleep(100);
    assert.equal(b.peer().bytes().length, 0, 'a start writes nothing: the start-up policy is the first write');
    await b.backend.writeOutput(0, 1);
    await b.backend.writeOutput(0, 0);
    await b.backend.writeOutput(7, 1);
    assert.equal((await b.peer().receive(12)).toString('hex'), 'a00101a2' + 'a00100a1' + 'a00801a9');
  });

  it('keeps writes made while the board is missing and sends every channel when it returns', async (t) => {
    const b = await board();
    t.after(b.close);
    await b.backend.start();
    await b.backend.writeOutput(1, 1);
    assert.equal((await b.peer().receive(4)).toString('hex'), 'a00201a3');
    const lost = nextFault(b.backend);
    await b.lose();
    assert.match((await lost)?.message ?? '', /ttyA (went away|is missing)/);
    // Resolves at once: the board cannot be read back, auxio's state is the truth.
    await b.backend.writeOutput(0, 1);
    await b.backend.writeOutput(1, 0);
    const back = nextFault(b.backend);
    await b.restore();
    assert.equal(await back, null);
    assert.equal((await b.peer().receive(8)).toString('hex'), 'a00101a2' + 'a00200a2');
  });

  it('a board missing at start is a fault; when it appears every channel is sent', async (t) => {
    const b = await board();
    t.after(b.close);
    await b.lose();
    const missing = nextFault(b.backend);
    await b.backend.start();
    assert.match((await missing)?.message ?? '', /ttyA is missing/);
    await b.backend.writeOutput(1, 1);
    const back = nextFault(b.backend);
    await b.restore();
    assert.equal(await back, null);
    assert.equal((await b.peer().receive(8)).toString('hex'), 'a00100a1' + 'a00201a3');
  });

  it('notices a re-plug between two checks (same path, another device) and sends the state again', async (t) => {
    const b = await board();
    t.after(b.close);
    await b.backend.start();
    await b.backend.writeOutput(0, 1);
    await b.peer().receive(4);
    const events: Array<string> = [];
    b.backend.on('fault', (f) => events.push(f ? 'fault' : 'ok'));
    await b.lose();
    await b.restore();
    await b.peer().receive(8, 3000);
    assert.deepEqual(events, ['fault', 'ok']);
    assert.equal(b.peer().bytes().toString('hex'), 'a00101a2' + 'a00200a2');
  });
});
