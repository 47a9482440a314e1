// The obsolete VAPIX 2 CGIs number inputs and outputs separately, each from 1 (docs/vapix.md §1.3),
// while port.cgi numbers all ports, inputs first. With 3 inputs and 2 relays: input.cgi 1..3 and
// output.cgi 1..2 are port.cgi's ports 1..3 and 4..5.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, type RunningServer } from '../support/server.ts';
import { api } from '../support/api.ts';
import { outputChanges, relayActive, vapixGet } from '../support/vapix.ts';

let server: RunningServer;

before(async () => {
  server = await startServer({ config: { io: { inputs: [{}, {}, {}], outputs: [{ name: 'Gate' }, { name: 'Door' }] } } });
});

after(async () => {
  await server?.stop();
});

async function body(path: string): Promise<string> {
  const res = await vapixGet(server.url, path);
  assert.equal(res.status, 200, res.body);
  assert.equal(res.headers['content-type'], 'text/plain');
  return res.body;
}

test('input.cgi check=1,2,3 reads the three inputs as inputN=', async () => {
  assert.equal(await body('/axis-cgi/io/input.cgi?check=1,2,3'), 'input1=0\ninput2=0\ninput3=0\n');
});

test('an input driven high reads 1 and active in input.cgi and in port.cgi', async () => {
  const sim = await api(server.url, '/api/v1/sim/inputs/2', { method: 'POST', body: { level: 1 } });
  assert.equal(sim.status, 200, JSON.stringify(sim.body));
  assert.equal(await body('/axis-cgi/io/input.cgi?check=2&checkactive=2,1'), 'input2=1\ninput2=active\ninput1=inactive\n');
  assert.equal(await body('/axis-cgi/io/port.cgi?check=2'), 'port2=1\n');
});

test('output.cgi action=2:/ switches the second relay, which port.cgi calls port 5', async () => {
  assert.equal(await body('/axis-cgi/io/output.cgi?action=2%3A%2F'), '');
  assert.equal(await relayActive(server.url, 2), true);
  assert.equal(await relayActive(server.url, 1), false);
  assert.equal(await body('/axis-cgi/io/output.cgi?check=1,2&checkactive=2'), 'output1=0\noutput2=1\noutput2=active\n');
  assert.equal(await body('/axis-cgi/io/port.cgi?checkactive=4,5'), 'port4=inactive\nport5=active\n');
});

test('output.cgi action=1:1000/ and a raw 1:/300\\500/300\\ use the same grammar as port.cgi', async () => {
  assert.equal(await body('/axis-cgi/io/output.cgi?action=2:%5C'), '');
  assert.equal(await relayActive(server.url, 2), false);
  assert.equal(await body('/axis-cgi/io/output.cgi?action=1%3A%2F300%5C500%2F300%5C'), '');
  assert.equal(await relayActive(server.url, 1), true);
});

test('port.cgi action=4:/ is the first relay; an omitted port in output.cgi is output 1 too', async () => {
  assert.equal(await body('/axis-cgi/io/port.cgi?action=4%3A%5C'), '');
  assert.equal(await relayActive(server.url, 1), false);
  assert.equal(await body('/axis-cgi/io/output.cgi?action=%3A%2F'), '');
  assert.equal(await relayActive(server.url, 1), true);
  assert.deepEqual(
    (await outputChanges(server.url, 2)).map((c) => [c.actor, c.active]),
    [
      ['startup', false],
      ['vapix:root', true],
      ['vapix:root', false],
    ],
  );
});
