// A client written from docs/vapix.md connects the way Home Assistant's Axis integration does:
// non-pre-emptive MD5 Digest, getApiList, basicdeviceinfo and getPorts for the listed APIs, param.cgi
// POSTed with a text/plain-labelled form body for root.Properties (and root.Brand, root.IOPort,
// root.StreamProfile when discovery is not used), events over WebSocket whose ids are getPorts'
// ids, then setPorts / port.cgi to switch the relay and image.cgi for a still.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { decode } from 'jpeg-js';
import { startServer, type RunningServer } from '../support/server.ts';
import { AxisLibraryClient } from '../support/axis-library-client.ts';
import { initialize } from '../support/axis-library-setup.ts';
import { AxisEventClient } from '../support/axis-ws.ts';
import { relayActive } from '../support/vapix.ts';

let server: RunningServer;
let client: AxisLibraryClient;

before(async () => {
  server = await startServer();
  client = new AxisLibraryClient(server.url, 'root', 'pass');
});

after(async () => {
  await server?.stop();
});

test('set-up with API discovery: a device with a MAC-style unique id, a model and two inputs and a relay', async () => {
  const device = await initialize(client);
  assert.deepEqual([...device.apis.keys()].sort(), ['api-discovery', 'basic-device-info', 'event-streaming-over-websocket', 'io-port-management', 'param-cgi']);
  assert.match(device.uniqueId, /^02(:[0-9a-f]{2}){5}$/);
  assert.equal(device.model, 'AUXIO-2I1R Network I/O Relay Module');
  assert.equal(device.swVersion, '0.1.0');
  assert.equal(device.properties.API.HTTP.Version, 3);
  assert.equal(typeof device.properties.System.SerialNumber, 'string', 'an int serial breaks format_mac');
  assert.equal(device.properties.Image?.Format, undefined, 'Image.Format would make a camera that needs mjpg/video.cgi');
  assert.deepEqual([...device.ports], [
    ['0', { name: 'Input 1', direction: 'input', state: 'open' }],
    ['1', { name: 'Input 2', direction: 'input', state: 'open' }],
    ['2', { name: 'Relay 1', direction: 'output', state: 'open' }],
  ]);
});

test('set-up from param.cgi alone (no discovery) finds the same device and the same port ids', async () => {
  const device = await initialize(client, { discovery: false });
  const withDiscovery = await initialize(client);
  assert.equal(device.uniqueId, withDiscovery.uniqueId);
  assert.equal(device.model, withDiscovery.model);
  assert.deepEqual([...device.ports].map(([id, p]) => [id, p.name, p.direction]), [
    ['0', 'Input 1', 'input'],
    ['1', 'Input 2', 'input'],
    ['2', 'Relay 1', 'output'],
  ]);
});

test('switch on/off through setPorts closed/open: /api/v1/io and the relay event follow, with a known port id', async () => {
  const { ports } = await initialize(client);
  const events = await AxisEventClient.withToken(server.url);
  try {
    events.configure(['//.'], 'axis-py');
    await events.until(() => events.events.length >= 3);
    // Home Assistant names each entity from vapix.ports[event id]: every id must be a getPorts id.
    for (const e of events.events) assert.ok(ports.has(e.source.port ?? e.source.RelayToken!), JSON.stringify(e.source));
    const relay = events.events.find((e) => e.topic === 'tns1:Device/Trigger/Relay')!;
    assert.equal(ports.get(relay.source.RelayToken!)?.direction, 'output');

    const on = await client.json('/axis-cgi/io/portmanagement.cgi', { apiVersion: '1.0', context: 'Axis library', method: 'setPorts', params: { ports: [{ port: '2', state: 'closed' }] } });
    assert.deepEqual(on.data, { ports: ['2'] });
    assert.equal(await relayActive(server.url), true);
    await events.until(() => events.events.some((e) => e.source.RelayToken === '2' && e.data.LogicalState === 'active'));

    await client.json('/axis-cgi/io/portmanagement.cgi', { apiVersion: '1.0', context: 'Axis library', method: 'setPorts', params: { ports: [{ port: '2', state: 'open' }] } });
    assert.equal(await relayActive(server.url), false);
  } finally {
    events.close();
  }
});

test('the older port.cgi route: action=<id+1>:/ quote-encoded closes port "2", :\\ opens it', async () => {
  const close = await client.request('GET', '/axis-cgi/io/port.cgi', { query: { action: '3:/' } });
  assert.equal(close.status, 200, close.text);
  assert.equal(await relayActive(server.url), true);
  const open = await client.request('GET', '/axis-cgi/io/port.cgi', { query: { action: '3:\\' } });
  assert.equal(open.status, 200, open.text);
  assert.equal(await relayActive(server.url), false);
});

test('a still from image.cgi decodes to the asked size', async () => {
  const res = await client.request('GET', '/axis-cgi/jpg/image.cgi', { query: { resolution: '320x240', camera: '1' } });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'image/jpeg');
  const picture = decode(res.bytes, { useTArray: true });
  assert.deepEqual([picture.width, picture.height], [320, 240]);
});
