import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, type RunningServer } from '../support/server.ts';
import { api } from '../support/api.ts';
import { pollUntil } from '../support/local-port.ts';
import { startModbusServer, type ModbusTestServer } from '../support/modbus-server.ts';

let module: ModbusTestServer;
let server: RunningServer;

before(async () => {
  module = await startModbusServer();
  server = await startServer({
    config: {
      io: {
        backends: {
          door: { kind: 'sim' },
          yard: { kind: 'modbus-tcp', host: '127.0.0.1', port: module.port, poll_ms: 20, inputs: [{ address: 0 }], outputs: [{ coil: 3 }] },
        },
        inputs: [{ name: 'Door', backend: 'door' }, { name: 'Yard gate', backend: 'yard' }],
        outputs: [{ name: 'Floodlight', backend: 'yard' }],
      },
    },
  });
});
after(async () => {
  await server?.stop();
  await module?.close();
});

/** Waits until `check` holds; fails the test if it never does. */
async function until(check: () => Promise<boolean>, ms = 3000): Promise<void> {
  assert.ok(await pollUntil(check, (ok) => ok, ms), 'timed out');
}

const channel = async (id: string) => (await api(server.url, '/api/v1/io')).body.channels.find((c: { id: string }) => c.id === id);

test('mixed backends: a simulated door and a Modbus gate both count; relayon.txt sets the module\'s coil', async () => {
  await api(server.url, '/io/input.txt');
  for (let i = 0; i < 3; i++) {
    await module.set('di', 0, 1);
    await until(async () => (await channel('input2')).level === 1);
    await module.set('di', 0, 0);
    await until(async () => (await channel('input2')).level === 0);
  }
  await api(server.url, '/api/v1/sim/inputs/1', { method: 'POST', body: { pulses: 2 } });
  const text = (await api(server.url, '/io/input.txt')).body as string;
  assert.match(text, /^input:1 current:0 last:0 time:\d\d\.\d\d pulse:2\ninput:2 current:0 last:0 time:\d\d\.\d\d pulse:3\n$/);

  const on = await api(server.url, '/io/relayon.txt');
  assert.equal(on.body, 'Relay is On');
  assert.deepEqual(await module.get('co', 3, 1), [1], 'the coil is on once the answer comes');
  await api(server.url, '/io/relayoff.txt');
  assert.deepEqual(await module.get('co', 3, 1), [0]);
});

test('a module that goes away is a fault, never a fake level; the API says so and the relay answers 503', async () => {
  await module.stop();
  await until(async () => (await channel('input2')).fault !== null);
  assert.equal((await channel('input1')).fault, null, 'the simulated door is not affected');
  const refused = await api(server.url, '/api/v1/outputs/1', { method: 'PUT', body: { active: true } });
  assert.equal(refused.status, 503);
  assert.equal(refused.body.error.code, 'BACKEND_FAULT');
  const faults = (await api(server.url, '/api/v1/events?kind=fault')).body.events;
  assert.ok(faults.some((e: { data: { backend: string; message: string | null } }) => e.data.backend === 'modbus-tcp' && e.data.message));

  await module.start();
  await until(async () => (await channel('input2')).fault === null, 15_000);
  const back = await api(server.url, '/api/v1/outputs/1', { method: 'PUT', body: { active: true } });
  assert.equal(back.status, 200);
  assert.deepEqual(await module.get('co', 3, 1), [1]);
});
