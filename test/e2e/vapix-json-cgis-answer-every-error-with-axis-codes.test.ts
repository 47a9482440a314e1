// The JSON CGIs' refusals, each with Axis's documented code (docs/vapix.md §3.3, §4): apidiscovery.cgi
// and basicdeviceinfo.cgi use the discovery table (1000, 2002-2004, 4000, 4002); portmanagement.cgi
// its own (2100-2105, 2200). Failures are 200 like successes, except 405 for a method other than
// POST; every answer echoes what it can of apiVersion, context and method; nothing switches.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, type RunningServer } from '../support/server.ts';
import { curl } from '../support/curl.ts';
import { outputChanges, relayActive, vapixPost } from '../support/vapix.ts';

let server: RunningServer;

before(async () => {
  server = await startServer();
});

after(async () => {
  await server?.stop();
});

const DISCOVERY = '/axis-cgi/apidiscovery.cgi';
const DEVICE = '/axis-cgi/basicdeviceinfo.cgi';
const PORTS = '/axis-cgi/io/portmanagement.cgi';

/** One refused call: what is sent, and the whole answer expected (status 200). */
type Case = [name: string, path: string, body: unknown, answer: object];

const err = (code: number, message: string, echo: object = {}, details?: object) => ({
  apiVersion: '1.0',
  ...echo,
  error: { code, message, ...(details ? { details } : {}) },
});
const c = { context: 'c' };

const DISCOVERY_CASES: Case[] = [
  ['text that is not JSON', DISCOVERY, 'not json', err(4000, 'Invalid JSON')],
  ['a JSON array', DISCOVERY, '[1]', err(4000, 'Invalid JSON')],
  ['no method', DISCOVERY, { apiVersion: '1.0', context: 'c' }, err(4002, "'method' is missing", c)],
  ['a method that is not a string', DISCOVERY, { apiVersion: '1.0', context: 'c', method: 5 }, err(4002, "'method' must be a string", c)],
  ['an unknown method', DISCOVERY, { apiVersion: '1.0', context: 'c', method: 'getApis' }, err(2004, 'Method not supported', { ...c, method: 'getApis' })],
  ['apiVersion 2.0', DISCOVERY, { apiVersion: '2.0', context: 'c', method: 'getApiList' }, { ...err(2003, 'Requested API version is not supported', { ...c, method: 'getApiList' }), apiVersion: '2.0' }],
  ['apiVersion 1.5', DISCOVERY, { apiVersion: '1.5', context: 'c', method: 'getApiList' }, { ...err(2003, 'Requested API version is not supported', { ...c, method: 'getApiList' }), apiVersion: '1.5' }],
  ['a numeric apiVersion', DISCOVERY, { apiVersion: 1, context: 'c', method: 'getApiList' }, err(2003, 'Requested API version is not supported', { ...c, method: 'getApiList' })],
  ['no apiVersion', DISCOVERY, { context: 'c', method: 'getApiList' }, err(4002, "'apiVersion' is missing", { ...c, method: 'getApiList' })],
  [
    'an apiVersion on getSupportedVersions (a real device refuses it)',
    DISCOVERY,
    { apiVersion: '1.0', context: 'c', method: 'getSupportedVersions' },
    err(4002, "'apiVersion' must not be provided for method 'getSupportedVersions'", { ...c, method: 'getSupportedVersions' }),
  ],
  ['a context that is not a string', DISCOVERY, { apiVersion: '1.0', context: 5, method: 'getApiList' }, err(4002, "'context' must be a string", { method: 'getApiList' })],
  ['params that are not an object', DISCOVERY, { apiVersion: '1.0', context: 'c', method: 'getApiList', params: 'x' }, err(4002, "'params' must be an object", { ...c, method: 'getApiList' })],
  ['an id filter that is not a string', DISCOVERY, { apiVersion: '1.0', context: 'c', method: 'getApiList', params: { id: 5 } }, err(4002, "'id' must be a string", { ...c, method: 'getApiList' })],
  ['basicdeviceinfo: text that is not JSON', DEVICE, '{"method":', { ...err(4000, 'Invalid JSON'), apiVersion: '1.1' }],
  ['basicdeviceinfo: an unknown method', DEVICE, { apiVersion: '1.1', context: 'c', method: 'getAll' }, { ...err(2004, 'Method not supported', { ...c, method: 'getAll' }), apiVersion: '1.1' }],
  ['basicdeviceinfo: apiVersion 1.2', DEVICE, { apiVersion: '1.2', context: 'c', method: 'getAllProperties' }, { ...err(2003, 'Requested API version is not supported', { ...c, method: 'getAllProperties' }), apiVersion: '1.2' }],
  ['basicdeviceinfo: getProperties without a list', DEVICE, { apiVersion: '1.1', context: 'c', method: 'getProperties' }, { ...err(4002, "'propertyList' is missing", { ...c, method: 'getProperties' }), apiVersion: '1.1' }],
  [
    'basicdeviceinfo: getProperties of an unknown property',
    DEVICE,
    { apiVersion: '1.1', context: 'c', method: 'getProperties', params: { propertyList: ['Brand', 'Colour'] } },
    { ...err(1000, 'Property not supported: Colour', { ...c, method: 'getProperties' }), apiVersion: '1.1' },
  ],
];

const sp = { ...c, method: 'setPorts' };
const sss = { ...c, method: 'setStateSequence' };
const setPorts = (params: unknown) => ({ apiVersion: '1.0', context: 'c', method: 'setPorts', ...(params === undefined ? {} : { params }) });
const setSeq = (params: unknown) => ({ apiVersion: '1.0', context: 'c', method: 'setStateSequence', params });
const invalid = (echo: object, details?: object) => err(2104, 'Invalid parameter value specified', echo, details);

const PORT_CASES: Case[] = [
  ['text that is not JSON', PORTS, 'nope', err(2101, 'Invalid JSON')],
  ['no method', PORTS, { apiVersion: '1.0', context: 'c' }, err(2103, "'method' is missing", c)],
  ['an unknown method', PORTS, { apiVersion: '1.0', context: 'c', method: 'getPort' }, err(2102, 'Method not supported', { ...c, method: 'getPort' })],
  ['apiVersion 2.0', PORTS, { apiVersion: '2.0', context: 'c', method: 'getPorts' }, { ...err(2100, 'API version not supported', { ...c, method: 'getPorts' }), apiVersion: '2.0' }],
  ['no apiVersion on getPorts', PORTS, { context: 'c', method: 'getPorts' }, err(2103, "'apiVersion' is missing", { ...c, method: 'getPorts' })],
  ['setPorts without params', PORTS, setPorts(undefined), err(2103, "'ports' is missing", sp)],
  ['setPorts with no ports', PORTS, setPorts({ ports: [] }), err(2104, "'ports' must be a list of 1 to 256 ports", sp)],
  ['setPorts with a port that is not an object', PORTS, setPorts({ ports: ['2'] }), err(2104, 'each port must be an object', sp)],
  ['setPorts without a port id', PORTS, setPorts({ ports: [{ state: 'closed' }] }), err(2103, "'port' is missing", sp)],
  ['setPorts on port 9', PORTS, setPorts({ ports: [{ port: '9', state: 'closed' }] }), invalid(sp, { port: '9' })],
  ['setPorts on port "02"', PORTS, setPorts({ ports: [{ port: '02', state: 'closed' }] }), invalid(sp, { port: '02' })],
  ['setPorts with a numeric id', PORTS, setPorts({ ports: [{ port: 2, state: 'closed' }] }), invalid(sp, { port: '2' })],
  ['setPorts state on an input', PORTS, setPorts({ ports: [{ port: '0', state: 'closed' }] }), invalid(sp, { port: '0', propertyName: 'state' })],
  ['setPorts state "on"', PORTS, setPorts({ ports: [{ port: '2', state: 'on' }] }), invalid(sp, { port: '2', propertyName: 'state' })],
  ['setPorts direction change', PORTS, setPorts({ ports: [{ port: '2', direction: 'input' }] }), invalid(sp, { port: '2', propertyName: 'direction' })],
  ['setPorts usage', PORTS, setPorts({ ports: [{ port: '2', usage: 'Door' }] }), invalid(sp, { port: '2', propertyName: 'usage' })],
  ['setPorts an unknown property', PORTS, setPorts({ ports: [{ port: '2', colour: 'red' }] }), invalid(sp, { port: '2', propertyName: 'colour' })],
  ['setPorts an empty name', PORTS, setPorts({ ports: [{ port: '2', name: '' }] }), invalid(sp, { port: '2', propertyName: 'name' })],
  // All entries are checked first: the good first entry does not switch the relay.
  ['setPorts with a bad second entry', PORTS, setPorts({ ports: [{ port: '2', state: 'closed' }, { port: '5' }] }), invalid(sp, { port: '5' })],
  ['setStateSequence without a port', PORTS, setSeq({ sequence: [{ state: 'closed', time: 1 }] }), err(2103, "'port' is missing", sss)],
  ['setStateSequence on an input', PORTS, setSeq({ port: '0', sequence: [{ state: 'closed', time: 1 }] }), invalid(sss, { port: '0', propertyName: 'port' })],
  ['setStateSequence without a sequence', PORTS, setSeq({ port: '2' }), err(2103, "'sequence' is missing", sss)],
  ['setStateSequence with no steps', PORTS, setSeq({ port: '2', sequence: [] }), err(2104, "'sequence' must be a list of 1 to 64 steps", sss)],
  ['setStateSequence with a step without time', PORTS, setSeq({ port: '2', sequence: [{ state: 'closed' }] }), err(2103, "each step needs 'state' and 'time'", sss)],
  [
    'setStateSequence with a step over 65535 ms',
    PORTS,
    setSeq({ port: '2', sequence: [{ state: 'closed', time: 65536 }] }),
    err(2104, 'a step is {"state": "open"|"closed", "time": 0-65535}', sss),
  ],
];

for (const [title, cases] of [['apidiscovery.cgi and basicdeviceinfo.cgi', DISCOVERY_CASES], ['portmanagement.cgi', PORT_CASES]] as const) {
  describe(title, () => {
    for (const [name, path, body, answer] of cases) {
      test(`${name} → code ${(answer as { error: { code: number } }).error.code}`, async () => {
        const res = await vapixPost(server.url, path, body);
        assert.equal(res.status, 200, res.body);
        assert.match(res.headers['content-type'] ?? '', /^application\/json/);
        assert.deepEqual(JSON.parse(res.body), answer);
      });
    }
  });
}

for (const [path, code, version] of [[DISCOVERY, 2002, '1.0'], [DEVICE, 2002, '1.1'], [PORTS, 2102, '1.0']] as const) {
  test(`GET ${path} → 405, Allow: POST, code ${code}`, async () => {
    const res = await curl(['--digest', '-u', 'root:pass', `${server.url}${path}`]);
    assert.equal(res.status, 405);
    assert.equal(res.headers.allow, 'POST');
    assert.deepEqual(JSON.parse(res.body), { apiVersion: version, error: { code, message: 'HTTP request type not supported. Only POST is supported' } });
  });
}

test('a POST without a login is 401, before any JSON is read', async () => {
  const res = await curl(['-H', 'Content-Type: application/json', '--data-binary', '{"apiVersion":"1.0","method":"getPorts"}', `${server.url}${PORTS}`]);
  assert.equal(res.status, 401);
});

test('none of the refused calls switched the relay', async () => {
  assert.equal(await relayActive(server.url), false);
  assert.deepEqual((await outputChanges(server.url)).map((x) => x.actor), ['startup']);
});
