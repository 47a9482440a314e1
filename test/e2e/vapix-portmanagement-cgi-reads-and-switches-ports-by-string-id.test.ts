// portmanagement.cgi as the axis library and Home Assistant call it (docs/vapix.md §3): port ids
// are strings, the same as root.IOPort.I<n>; "closed" switches a relay on, "open" off; a state
// sequence runs once after the answer; every answer echoes apiVersion, context and method.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { startServer, type RunningServer } from '../support/server.ts';
import { addUser, hasPulseDeadline, outputChanges, relayActive, vapixJson } from '../support/vapix.ts';

let server: RunningServer;
const URL_PATH = '/axis-cgi/io/portmanagement.cgi';

before(async () => {
  server = await startServer();
  await addUser(server.url, 'vera', 'viewer-pw-1', 'viewer');
  await addUser(server.url, 'otto', 'operator-pw-1', 'operator');
});

after(async () => {
  await server?.stop();
});

async function call(method: string, params?: object, user = 'root:pass') {
  const body = { apiVersion: '1.0', context: 'Axis library', method, ...(params ? { params } : {}) };
  const res = await vapixJson(server.url, URL_PATH, body, user);
  assert.match(res.type, /^application\/json/);
  return res;
}

const item = (port: string, direction: string, name: string, state = 'open') => ({
  port, state, configurable: false, usage: '', direction, name, normalState: 'open',
});

test('getPorts lists the inputs as "0", "1" and the relay as "2"', async () => {
  const res = await call('getPorts', undefined, 'vera:viewer-pw-1');
  assert.equal(res.status, 200);
  assert.deepEqual(res.json, {
    apiVersion: '1.0',
    context: 'Axis library',
    method: 'getPorts',
    data: { numberOfPorts: 3, items: [item('0', 'input', 'Input 1'), item('1', 'input', 'Input 2'), item('2', 'output', 'Relay 1')] },
  });
});

test('setPorts state "closed" switches the relay on, "open" off; the answer lists the port', async () => {
  const on = await call('setPorts', { ports: [{ port: '2', state: 'closed' }] }, 'otto:operator-pw-1');
  assert.deepEqual(on.json, { apiVersion: '1.0', context: 'Axis library', method: 'setPorts', data: { ports: ['2'] } });
  assert.equal(await relayActive(server.url), true);
  assert.deepEqual((await call('getPorts')).json.data.items[2], item('2', 'output', 'Relay 1', 'closed'));
  await call('setPorts', { ports: [{ port: '2', state: 'open' }] }, 'otto:operator-pw-1');
  assert.equal(await relayActive(server.url), false);
  // An entry asking nothing changes nothing and is not listed.
  assert.deepEqual((await call('setPorts', { ports: [{ port: '2' }] })).json.data, { ports: [] });
  assert.deepEqual(
    (await outputChanges(server.url)).map((c) => [c.actor, c.active]),
    [
      ['startup', false],
      ['vapix:otto', true],
      ['vapix:otto', false],
    ],
  );
});

test('setStateSequence closed 1 s then open runs as a journaled pulse; a second one meanwhile is 2200', async () => {
  const seen = (await outputChanges(server.url)).length;
  const seq = { port: '2', sequence: [{ state: 'closed', time: 1000 }, { state: 'open', time: 1000 }] };
  const res = await call('setStateSequence', seq, 'otto:operator-pw-1');
  assert.deepEqual(res.json, { apiVersion: '1.0', context: 'Axis library', method: 'setStateSequence', data: { port: '2' } });
  assert.equal(await relayActive(server.url), true);
  const busy = await call('setStateSequence', seq);
  assert.deepEqual(busy.json, {
    apiVersion: '1.0', context: 'Axis library', method: 'setStateSequence', error: { code: 2200, message: 'State sequence already ongoing' },
  });
  await sleep(2300);
  const [on, off] = (await outputChanges(server.url)).slice(seen);
  assert.deepEqual([on?.actor, on?.active], ['vapix:otto', true]);
  assert.ok(hasPulseDeadline(on, 1000), JSON.stringify(on));
  assert.deepEqual([off?.actor, off?.active], ['pulse', false]);
  // Its last time has passed: a new sequence is accepted.
  assert.equal((await call('setStateSequence', { port: '2', sequence: [{ state: 'open', time: 0 }] })).json.data.port, '2');
});

test('setPorts during a sequence cancels the rest of it', async () => {
  const seen = (await outputChanges(server.url)).length;
  const seq = { port: '2', sequence: [{ state: 'closed', time: 1000 }, { state: 'open', time: 1000 }, { state: 'closed', time: 0 }] };
  await call('setStateSequence', seq);
  await call('setPorts', { ports: [{ port: '2', state: 'open' }] });
  await sleep(2500);
  assert.equal(await relayActive(server.url), false);
  // On, then off by setPorts (or by the pulse's end, when the machine was too slow to beat it);
  // never the sequence's final "closed" at 2 s.
  const changes = (await outputChanges(server.url)).slice(seen).map((c) => [c.actor, c.active]);
  assert.deepEqual(changes[0], ['vapix:root', true]);
  assert.equal(changes[1]![1], false);
  assert.equal(changes.length, 2, JSON.stringify(changes));
});

test('an admin renames a port and flips its normal state with setPorts; getPorts shows both', async () => {
  const res = await call('setPorts', { ports: [{ port: '0', name: 'Door', normalState: 'closed' }, { port: '2', usage: '', direction: 'output' }] });
  assert.deepEqual(res.json.data, { ports: ['0'] });
  assert.deepEqual((await call('getPorts')).json.data.items[0], { ...item('0', 'input', 'Door'), normalState: 'closed', state: 'open' });
  await call('setPorts', { ports: [{ port: '0', name: 'Input 1', normalState: 'open' }] });
  assert.deepEqual((await call('getPorts')).json.data.items[0], item('0', 'input', 'Input 1'));
});

test('roles: a viewer cannot switch, an operator cannot rename (403, code 2105), and nothing changes', async () => {
  const refusals: Array<[string, string, object]> = [
    ['vera:viewer-pw-1', 'setPorts', { ports: [{ port: '2', state: 'closed' }] }],
    ['vera:viewer-pw-1', 'setStateSequence', { port: '2', sequence: [{ state: 'closed', time: 100 }] }],
    ['otto:operator-pw-1', 'setPorts', { ports: [{ port: '2', name: 'Hacked' }] }],
    ['otto:operator-pw-1', 'setPorts', { ports: [{ port: '2', state: 'closed' }, { port: '0', normalState: 'closed' }] }],
  ];
  for (const [user, method, params] of refusals) {
    const res = await call(method, params, user);
    assert.equal(res.status, 403, `${user} ${method}`);
    assert.deepEqual(res.json, { apiVersion: '1.0', context: 'Axis library', method, error: { code: 2105, message: 'Authorization failed' } });
  }
  assert.equal(await relayActive(server.url), false);
  assert.equal((await call('getPorts')).json.data.items[2].name, 'Relay 1');
});

test('getSupportedVersions answers with or without an apiVersion', async () => {
  const plain = await vapixJson(server.url, URL_PATH, { context: 'Axis library', method: 'getSupportedVersions' });
  assert.deepEqual(plain.json, { apiVersion: '1.0', context: 'Axis library', method: 'getSupportedVersions', data: { apiVersions: ['1.0'] } });
  assert.deepEqual((await call('getSupportedVersions')).json.data, { apiVersions: ['1.0'] });
});
