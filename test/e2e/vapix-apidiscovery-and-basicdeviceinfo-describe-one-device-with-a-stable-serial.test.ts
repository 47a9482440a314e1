// apidiscovery.cgi lists exactly the APIs auxio serves (each id listed makes the axis library call
// it and read it strictly), and basicdeviceinfo.cgi gives all 14 properties the library requires
// (docs/vapix.md §4). The serial is 12 hex digits with a letter, the same in param.cgi, and the
// same after a restart (Home Assistant keys the device on it).
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, type RunningServer } from '../support/server.ts';
import { vapixGet, vapixJson } from '../support/vapix.ts';

const servers: RunningServer[] = [];

after(async () => {
  for (const s of servers) await s.stop();
});

const PROPERTY_KEYS = [
  'Architecture', 'Brand', 'BuildDate', 'HardwareID', 'ProdFullName', 'ProdNbr', 'ProdShortName', 'ProdType',
  'ProdVariant', 'SerialNumber', 'Soc', 'SocSerialNumber', 'Version', 'WebURL',
];

test('discovery, device info and param.cgi agree, and the serial survives a restart', async () => {
  const server = await startServer();
  servers.push(server);

  const list = await vapixJson(server.url, '/axis-cgi/apidiscovery.cgi', { apiVersion: '1.0', context: 'Axis library', method: 'getApiList' });
  assert.equal(list.status, 200);
  assert.deepEqual(Object.keys(list.json), ['apiVersion', 'context', 'method', 'data']);
  assert.deepEqual(
    list.json.data.apiList.map((a: { id: string; version: string; name: string; status: string }) => [a.id, a.version, a.name, a.status]),
    [
      ['api-discovery', '1.0', 'API Discovery Service', 'official'],
      ['basic-device-info', '1.1', 'Basic Device Information', 'official'],
      ['io-port-management', '1.0', 'IO Port Management', 'official'],
      ['param-cgi', '1.0', 'Legacy Parameter Handling', 'official'],
      ['event-streaming-over-websocket', '1.0', 'Event streaming over WebSocket', 'official'],
    ],
  );

  const filtered = await vapixJson(server.url, '/axis-cgi/apidiscovery.cgi', { apiVersion: '1.0', context: 'f', method: 'getApiList', params: { id: '*-info', version: '1.?' } });
  assert.deepEqual(filtered.json.data.apiList.map((a: { id: string }) => a.id), ['basic-device-info']);
  const none = await vapixJson(server.url, '/axis-cgi/apidiscovery.cgi', { apiVersion: '1.0', context: 'f', method: 'getApiList', params: { id: 'mqtt-client' } });
  assert.deepEqual(none.json.data, { apiList: [] });
  const versions = await vapixJson(server.url, '/axis-cgi/apidiscovery.cgi', { context: 'v', method: 'getSupportedVersions' });
  assert.deepEqual(versions.json, { apiVersion: '1.0', context: 'v', method: 'getSupportedVersions', data: { apiVersions: ['1.0'] } });

  const info = await vapixJson(server.url, '/axis-cgi/basicdeviceinfo.cgi', { apiVersion: '1.1', context: 'Axis library', method: 'getAllProperties' });
  assert.deepEqual(Object.keys(info.json), ['apiVersion', 'context', 'method', 'data']);
  const props = info.json.data.propertyList;
  assert.deepEqual(Object.keys(props).sort(), [...PROPERTY_KEYS].sort());
  assert.ok(Object.values(props).every((v) => typeof v === 'string'));
  assert.match(props.SerialNumber, /^(?=.*[A-F])[0-9A-F]{12}$/);
  assert.doesNotMatch(props.SerialNumber, /^(ACCC8E|B8A44F|00408C|E82725)/, 'an Axis vendor prefix');
  assert.deepEqual([props.Brand, props.ProdNbr, props.Version], ['auxio', 'AUXIO-2I1R', '0.1.0']);
  // An older client asks 1.0 of a 1.1 API: same major, lower minor, served.
  const older = await vapixJson(server.url, '/axis-cgi/basicdeviceinfo.cgi', { apiVersion: '1.0', context: 'o', method: 'getProperties', params: { propertyList: ['SerialNumber', 'Version'] } });
  assert.deepEqual(older.json, { apiVersion: '1.0', context: 'o', method: 'getProperties', data: { propertyList: { SerialNumber: props.SerialNumber, Version: '0.1.0' } } });
  const open = await vapixJson(server.url, '/axis-cgi/basicdeviceinfo.cgi', { apiVersion: '1.1', context: 'u', method: 'getAllUnrestrictedProperties' });
  assert.deepEqual(Object.keys(open.json.data.propertyList).sort(), PROPERTY_KEYS.filter((k) => !['Architecture', 'Soc', 'SocSerialNumber'].includes(k)).sort());
  const bdiVersions = await vapixJson(server.url, '/axis-cgi/basicdeviceinfo.cgi', { context: 'v', method: 'getSupportedVersions' });
  assert.deepEqual(bdiVersions.json, { apiVersion: '1.1', context: 'v', method: 'getSupportedVersions', data: { apiVersions: ['1.1'] } });

  const param = await vapixGet(server.url, '/axis-cgi/param.cgi?action=list&group=Properties.System.SerialNumber,Brand.ProdNbr');
  assert.equal(param.body, `Properties.System.SerialNumber=${props.SerialNumber}\r\nBrand.ProdNbr=AUXIO-2I1R\r\n`);

  await server.stop();
  const again = await startServer({ dataDir: server.dataDir });
  servers.push(again);
  const restarted = await vapixJson(again.url, '/axis-cgi/basicdeviceinfo.cgi', { apiVersion: '1.1', context: 'c', method: 'getAllProperties' });
  assert.equal(restarted.json.data.propertyList.SerialNumber, props.SerialNumber);

  // Another installation gets another serial: two auxio boxes never collide in Home Assistant.
  const other = await startServer();
  servers.push(other);
  const otherInfo = await vapixJson(other.url, '/axis-cgi/basicdeviceinfo.cgi', { apiVersion: '1.1', context: 'c', method: 'getAllProperties' });
  assert.notEqual(otherInfo.json.data.propertyList.SerialNumber, props.SerialNumber);
});
