import assert from 'node:assert/strict';
import { createServer, type Socket } from 'node:net';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { RawLevelChange } from '../backend.ts';
import { startModbusServer } from '../../../test/support/modbus-server.ts';
import { backendContract } from './backend.contract.ts';
import { isBackendFault } from './backend-fault.ts';
import { ModbusException, ModbusTcpClient } from './modbus-client.ts';
import { ModbusTcpBackend } from './modbus-tcp.ts';

// Every test talks to a real Modbus TCP server: pymodbus (Debian's python3-pymodbus) on loopback.

const COILS = [0, 3];

backendContract({
  name: 'modbus-tcp (pymodbus on loopback)',
  settleMs: 200,
  faultMs: 8000,
  create: async (initial) => {
    const server = await startModbusServer({ state: { di: { 2: initial[0]! }, ir: { 5: initial[1]! ? 1234 : 0 } } });
    const backend = new ModbusTcpBackend({
      host: '127.0.0.1',
      port: server.port,
      pollMs: 20,
      timeoutMs: 500,
      // One discrete input and one input register, so both function codes are in every contract test.
      inputs: [{ address: 2 }, { address: 5, kind: 'register' }],
      outputs: COILS.map((coil) => ({ coil })),
    });
    return {
      backend,
      setInput: (input, level) => (input === 0 ? server.set('di', 2, level) : server.set('ir', 5, level ? 1234 : 0)),
      outputLevel: async (output) => (await server.get('co', COILS[output]!, 1))[0] as 0 | 1,
      loseHardware: () => server.stop(),
      restoreHardware: () => server.start(),
      leftovers: async () => {
        await sleep(20);
        const open = server.clientConnections();
        return open > 0 ? [`${open} TCP connection(s) to the module`] : [];
      },
      close: async () => {
        await backend.stop();
        await server.close();
      },
    };
  },
});

describe('ModbusTcpClient against pymodbus', () => {
  it('reads coils, discrete inputs and input registers, writes a coil, and reports exceptions', async (t) => {
    const server = await startModbusServer({ unitId: 7, state: { di: { 0: 1, 9: 1 }, ir: { 3: 0xbeef } } });
    const client = new ModbusTcpClient({ host: '127.0.0.1', port: server.port, unitId: 7, timeoutMs: 1000 });
    t.after(async () => (client.close(), await server.close()));
    await client.connect();
    assert.deepEqual(await client.readDiscreteInputs(0, 10), [1, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
    assert.deepEqual(await client.readInputRegisters(2, 2), [0, 0xbeef]);
    await client.writeSingleCoil(9, true);
    assert.deepEqual(await client.readCoils(8, 3), [0, 1, 0]);
    assert.deepEqual(await server.get('co', 9, 1), [1]);
    await client.writeSingleCoil(9, false);
    assert.deepEqual(await server.get('co', 9, 1), [0]);
    // The tables have 256 entries: address 300 is illegal (exception 2), and the link stays up.
    await assert.rejects(client.readDiscreteInputs(300, 1), (err) => err instanceof ModbusException && err.exceptionCode === 2);
    assert.deepEqual(await client.readDiscreteInputs(9, 1), [1]);
  });

  it('a server that accepts but never answers times the request out and closes the link', async (t) => {
    const sockets: Socket[] = [];
    const silent = createServer((s) => sockets.push(s));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    t.after(() => (sockets.forEach((s) => s.destroy()), silent.close()));
    const client = new ModbusTcpClient({ host: '127.0.0.1', port: (silent.address() as { port: number }).port, unitId: 1, timeoutMs: 150 });
    const closed = new Promise<Error>((resolve) => client.once('close', resolve));
    await client.connect();
    const started = Date.now();
    await assert.rejects(client.readCoils(0, 1), /did not answer within 150 ms/);
    assert.ok(Date.now() - started < 1000);
    assert.match((await closed).message, /did not answer/);
    assert.equal(client.connected, false);
  });
});

describe('ModbusTcpBackend', () => {
  it('reads inputs spread over the address space (runs of adjacent addresses only, registers non-zero = 1)', async (t) => {
    const server = await startModbusServer({ state: { di: { 0: 1, 1: 0, 7: 1 }, ir: { 10: 0, 11: 40000 } } });
    const backend = new ModbusTcpBackend({
      host: '127.0.0.1', port: server.port, pollMs: 20,
      inputs: [{ address: 7 }, { address: 0 }, { address: 11, kind: 'register' }, { address: 1 }, { address: 10, kind: 'register' }],
      outputs: [],
    });
    t.after(async () => (await backend.stop(), await server.close()));
    await backend.start();
    assert.deepEqual(await backend.readInputs(), [1, 1, 1, 0, 0]);
  });

  it('starts with the module unreachable: resolves faulted, refuses writes, then recovers by itself', async (t) => {
    const server = await startModbusServer({ state: { di: { 0: 1 } } });
    await server.stop();
    const backend = new ModbusTcpBackend({ host: '127.0.0.1', port: server.port, pollMs: 20, timeoutMs: 300, inputs: [{ address: 0 }], outputs: [{ coil: 0 }] });
    const events: Array<string> = [];
    backend.on('fault', (f) => events.push(f ? 'fault' : 'ok'));
    backend.on('level', (c: RawLevelChange) => events.push(`in${c.input}=${c.level}`));
    t.after(async () => (await backend.stop(), await server.close()));
    await backend.start();
    assert.deepEqual(events, ['fault']);
    assert.deepEqual(await backend.readInputs(), [0]);
    await assert.rejects(backend.writeOutput(0, 1), (err) => isBackendFault(err) && /127\.0\.0\.1/.test(err.message));
    await server.start();
    const deadline = Date.now() + 5000;
    while (events.length < 3 && Date.now() < deadline) await sleep(20);
    // Never a guessed level while down; the wire's level arrives as a change after the return.
    assert.deepEqual(events, ['fault', 'ok', 'in0=1']);
    await backend.writeOutput(0, 1);
    assert.deepEqual(await server.get('co', 0, 1), [1]);
  });

  it('retries a lost module with back-off doubling from 250 ms, not in a tight loop', async (t) => {
    const server = await startModbusServer();
    const backend = new ModbusTcpBackend({ host: '127.0.0.1', port: server.port, pollMs: 20, timeoutMs: 300, inputs: [{ address: 0 }], outputs: [] });
    const attempts: number[] = [];
    // In the module's place, a listener that notes each connect and hangs up: every retry is seen.
    const counter = createServer((s) => (attempts.push(Date.now()), s.destroy()));
    t.after(async () => (await backend.stop(), counter.close(), await server.close()));
    await backend.start();
    await server.stop();
    await new Promise<void>((resolve) => counter.listen(server.port, '127.0.0.1', resolve));
    await sleep(5200);
    // The first retries may come before the listener is up; from the first one seen, each wait
    // doubles (250, 500, 1000, 2000 ms …). Under load a retry can come late, never early.
    const gaps = attempts.slice(1).map((at, i) => at - attempts[i]!);
    assert.ok(gaps.length >= 3, `attempts ${attempts.length}, gaps ${gaps.join(', ')} ms`);
    assert.ok([250, 500, 1000].some((first) => gaps[0]! >= first - 10 && gaps[0]! < first + 400), `gaps ${gaps.join(', ')} ms`);
    gaps.slice(1).forEach((gap, i) => assert.ok(gap / gaps[i]! > 1.6 && gap / gaps[i]! < 2.5, `gaps ${gaps.join(', ')} ms`));
    await new Promise<void>((resolve) => counter.close(() => resolve()));
    const back = new Promise((resolve) => backend.on('fault', (f) => f === null && resolve(null)));
    await server.start();
    await back;
  });

  it('a module that goes away is a fault at once, with no level on the way', async (t) => {
    const server = await startModbusServer({ state: { di: { 0: 1 } } });
    const backend = new ModbusTcpBackend({ host: '127.0.0.1', port: server.port, pollMs: 20, timeoutMs: 200, inputs: [{ address: 0 }], outputs: [{ coil: 0 }] });
    t.after(async () => (await backend.stop(), await server.close()));
    await backend.start();
    const levels: RawLevelChange[] = [];
    backend.on('level', (c) => levels.push(c));
    const fault = new Promise((resolve) => backend.once('fault', resolve));
    await server.stop();
    assert.match(((await fault) as { message: string }).message, /closed the connection|ECONNRESET/);
    await sleep(300);
    assert.deepEqual(levels, []);
    assert.deepEqual(await backend.readInputs(), [1]);
  });
});
