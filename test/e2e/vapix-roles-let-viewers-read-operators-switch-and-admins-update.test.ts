// Roles on the VAPIX face, as on an Axis device (src/http/auth/roles.ts): a viewer reads ports,
// parameters, device information and pictures; an operator also switches (port.cgi and output.cgi
// actions, setPorts state, setStateSequence); only an admin changes parameters (param.cgi update,
// setPorts name and normalState).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, type RunningServer } from '../support/server.ts';
import { curlBytes, addUser, vapixGet, vapixPost } from '../support/vapix.ts';

let server: RunningServer;

const USERS = { viewer: 'vera:viewer-pw-1', operator: 'otto:operator-pw-1', admin: 'root:pass' } as const;
type Who = keyof typeof USERS;

before(async () => {
  server = await startServer();
  await addUser(server.url, 'vera', 'viewer-pw-1', 'viewer');
  await addUser(server.url, 'otto', 'operator-pw-1', 'operator');
});

after(async () => {
  await server?.stop();
});

const pm = (method: string, params?: object) => ({ apiVersion: '1.0', context: 'roles', method, ...(params ? { params } : {}) });

/** One call: a GET path, or a POST path with a JSON body. */
type Call = [label: string, path: string, body?: object];

const READS: Call[] = [
  ['port.cgi check', '/axis-cgi/io/port.cgi?check=1,2&checkactive=3'],
  ['input.cgi check', '/axis-cgi/io/input.cgi?check=1'],
  ['output.cgi check', '/axis-cgi/io/output.cgi?check=1'],
  ['param.cgi list', '/axis-cgi/param.cgi?action=list&group=root.IOPort'],
  ['getPorts', '/axis-cgi/io/portmanagement.cgi', pm('getPorts')],
  ['getApiList', '/axis-cgi/apidiscovery.cgi', pm('getApiList')],
  ['getAllProperties', '/axis-cgi/basicdeviceinfo.cgi', { ...pm('getAllProperties'), apiVersion: '1.1' }],
];

const SWITCHES: Call[] = [
  ['port.cgi action', '/axis-cgi/io/port.cgi?action=3%3A%5C'],
  ['output.cgi action', '/axis-cgi/io/output.cgi?action=1%3A%5C'],
  ['setPorts state', '/axis-cgi/io/portmanagement.cgi', pm('setPorts', { ports: [{ port: '2', state: 'open' }] })],
  ['setStateSequence', '/axis-cgi/io/portmanagement.cgi', pm('setStateSequence', { port: '2', sequence: [{ state: 'open', time: 0 }] })],
];

const UPDATES: Call[] = [
  ['param.cgi update', '/axis-cgi/param.cgi?action=update&IOPort.I2.Output.Name=Relay%201'],
  ['setPorts name', '/axis-cgi/io/portmanagement.cgi', pm('setPorts', { ports: [{ port: '2', name: 'Relay 1' }] })],
];

async function status(who: Who, [, path, body]: Call): Promise<number> {
  const res = body ? await vapixPost(server.url, path, body, USERS[who]) : await vapixGet(server.url, path, USERS[who]);
  return res.status;
}

const EXPECTED: Array<[calls: Call[], allowed: Who[]]> = [
  [READS, ['viewer', 'operator', 'admin']],
  [SWITCHES, ['operator', 'admin']],
  [UPDATES, ['admin']],
];

for (const [calls, allowed] of EXPECTED) {
  for (const call of calls) {
    test(`${call[0]}: ${allowed.join(', ')} may; others get 403`, async () => {
      for (const who of Object.keys(USERS) as Who[]) {
        assert.equal(await status(who, call), allowed.includes(who) ? 200 : 403, `${who} ${call[0]}`);
      }
    });
  }
}

test('image.cgi: every role gets a picture', async () => {
  for (const user of Object.values(USERS)) {
    const res = await curlBytes(`${server.url}/axis-cgi/jpg/image.cgi?resolution=160x120`, user);
    assert.deepEqual([res.status, res.type], [200, 'image/jpeg'], user);
  }
});
