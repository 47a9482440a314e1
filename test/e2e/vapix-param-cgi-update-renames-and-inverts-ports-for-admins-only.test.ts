// param.cgi action=update ([AX-PARAM], docs/vapix.md §2.3): an admin renames ports, sets which
// circuit is active (Input.Trig, Output.Active: auxio's `invert`) and the default pulse
// (Output.PulseTime). Success is `OK`; a bad pair is `# Error: Error setting '<name>' to '<value>'!`
// and changes nothing. Each change is journaled with actor vapix:<user>.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, type RunningServer } from '../support/server.ts';
import { api } from '../support/api.ts';
import { addUser, curlBytes, vapixGet, vapixJson, vapixPost } from '../support/vapix.ts';

let server: RunningServer;

before(async () => {
  server = await startServer();
  await addUser(server.url, 'vera', 'viewer-pw-1', 'viewer');
  await addUser(server.url, 'otto', 'operator-pw-1', 'operator');
});

after(async () => {
  await server?.stop();
});

async function param(query: string, user = 'root:pass') {
  const res = await vapixGet(server.url, `/axis-cgi/param.cgi?${query}`, user);
  return { status: res.status, type: res.headers['content-type'], body: res.body };
}

async function channel(id: string): Promise<{ name: string }> {
  return (await api(server.url, '/api/v1/io')).body.channels.find((c: { id: string }) => c.id === id);
}

test('renaming an input answers OK; param.cgi and /api/v1/io show the new name', async () => {
  assert.deepEqual(await param('action=update&root.IOPort.I0.Input.Name=Front%20Door'), {
    status: 200,
    type: 'text/plain; charset=iso-8859-1',
    body: 'OK\r\n',
  });
  assert.equal((await param('action=list&group=IOPort.I0.Input.Name')).body, 'IOPort.I0.Input.Name=Front Door\r\n');
  assert.equal((await channel('input1')).name, 'Front Door');
});

test('a POSTed update (body labelled text/plain) sets the relay name and default pulse together', async () => {
  const res = await vapixPost(server.url, '/axis-cgi/param.cgi', 'action=update&IOPort.I2.Output.Name=Gate&IOPort.I2.Output.PulseTime=300', 'root:pass', 'text/plain');
  assert.equal(res.body, 'OK\r\n');
  assert.equal(
    (await param('action=list&group=IOPort.I2.Output.Name,IOPort.I2.Output.PulseTime')).body,
    'IOPort.I2.Output.Name=Gate\r\nIOPort.I2.Output.PulseTime=300\r\n',
  );
  assert.equal((await channel('output1')).name, 'Gate');
});

test('Input.Trig=open inverts the input: an open circuit is now active', async () => {
  assert.equal((await param('action=update&IOPort.I1.Input.Trig=open')).body, 'OK\r\n');
  assert.equal((await param('action=list&group=root.IOPort.I1.Input.Trig')).body, 'root.IOPort.I1.Input.Trig=open\r\n');
  const ports = await vapixGet(server.url, '/axis-cgi/io/port.cgi?check=2&checkactive=2');
  assert.equal(ports.body, 'port2=0\nport2=active\n');
});

test('Output.Active=open: the inactive relay reads as a closed circuit, and normalState follows', async () => {
  assert.equal((await param('action=update&IOPort.I2.Output.Active=open')).body, 'OK\r\n');
  assert.equal((await vapixGet(server.url, '/axis-cgi/io/port.cgi?check=3&checkactive=3')).body, 'port3=1\nport3=inactive\n');
  const ports = await vapixJson(server.url, '/axis-cgi/io/portmanagement.cgi', { apiVersion: '1.0', context: 'c', method: 'getPorts' });
  assert.deepEqual(ports.json.data.items[2], {
    port: '2', state: 'closed', configurable: false, usage: '', direction: 'output', name: 'Gate', normalState: 'closed',
  });
  assert.equal((await param('action=update&IOPort.I2.Output.Active=closed')).body, 'OK\r\n');
  assert.equal((await vapixGet(server.url, '/axis-cgi/io/port.cgi?check=3')).body, 'port3=0\n');
});

test('names are sent as ISO-8859-1; characters outside it become ?', async () => {
  assert.equal((await param('action=update&IOPort.I0.Input.Name=T%C3%BCr%20%E2%82%AC')).body, 'OK\r\n');
  const res = await curlBytes(`${server.url}/axis-cgi/param.cgi?action=list&group=IOPort.I0.Input.Name`);
  assert.deepEqual(res.bytes, Buffer.from('IOPort.I0.Input.Name=T\xfcr ?\r\n', 'latin1'));
});

test('one bad pair refuses the whole update with Axis\'s error line, and changes nothing', async () => {
  const refused: Array<[string, string]> = [
    ['IOPort.I1.Input.Name=Side&root.IOPort.I0.Input.Trig=maybe', "# Error: Error setting 'root.IOPort.I0.Input.Trig' to 'maybe'!"],
    ['root.Brand.Brand=Axis', "# Error: Error setting 'root.Brand.Brand' to 'Axis'!"],
    ['IOPort.I0.Direction=output', "# Error: Error setting 'IOPort.I0.Direction' to 'output'!"],
    ['IOPort.I2.Input.Name=x', "# Error: Error setting 'IOPort.I2.Input.Name' to 'x'!"],
    ['IOPort.I9.Input.Name=x', "# Error: Error setting 'IOPort.I9.Input.Name' to 'x'!"],
    ['IOPort.I2.Output.PulseTime=0', "# Error: Error setting 'IOPort.I2.Output.PulseTime' to '0'!"],
    ['IOPort.I0.Input.Name=', "# Error: Error setting 'IOPort.I0.Input.Name' to ''!"],
    ['', '# Error: No parameter to update'],
  ];
  for (const [pairs, line] of refused) {
    const res = await param(`action=update${pairs ? `&${pairs}` : ''}`);
    assert.deepEqual(res, { status: 200, type: 'text/plain; charset=iso-8859-1', body: `${line}\r\n` }, pairs);
  }
  assert.equal((await channel('input2')).name, 'Input 2');
});

test('operators and viewers get 403 for an update; the name stays', async () => {
  for (const user of ['otto:operator-pw-1', 'vera:viewer-pw-1']) {
    const res = await param('action=update&IOPort.I2.Output.Name=Hacked', user);
    assert.equal(res.status, 403, user);
    assert.equal(res.body, '403 the admin role is needed for this\n');
  }
  assert.equal((await channel('output1')).name, 'Gate');
});

test('every accepted update is journaled once per port with actor vapix:root', async () => {
  const events = (await api(server.url, '/api/v1/events?kind=channel&limit=100')).body.events;
  assert.deepEqual(
    events.map((e: { channel: string; actor: string; data: { name: string; invert: boolean } }) => [e.channel, e.actor, e.data.name, e.data.invert]),
    [
      ['input1', 'vapix:root', 'Front Door', false],
      ['output1', 'vapix:root', 'Gate', false],
      ['input2', 'vapix:root', 'Input 2', true],
      ['output1', 'vapix:root', 'Gate', true],
      ['output1', 'vapix:root', 'Gate', false],
      ['input1', 'vapix:root', 'Tür €', false],
    ],
  );
});
