// param.cgi action=list as clients call it (docs/vapix.md §2): the axis library POSTs a URL-encoded
// body labelled text/plain and needs the root. prefix; Network Optix GETs single parameters without
// it and compares names exactly. Answers are text/plain; charset=iso-8859-1 with CRLF lines, and an
// unknown group is a `# Error:` line with status 200 (a 4xx would abort Home Assistant's set-up).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, type RunningServer } from '../support/server.ts';
import { curl } from '../support/curl.ts';
import { api } from '../support/api.ts';
import { addUser, vapixGet, vapixJson, vapixPost } from '../support/vapix.ts';

let server: RunningServer;
const TYPE = 'text/plain; charset=iso-8859-1';

before(async () => {
  server = await startServer();
  await addUser(server.url, 'vera', 'viewer-pw-1', 'viewer');
});

after(async () => {
  await server?.stop();
});

const crlf = (...lines: string[]) => lines.map((l) => `${l}\r\n`).join('');

async function listGet(query: string, user = 'root:pass'): Promise<string> {
  const res = await vapixGet(server.url, `/axis-cgi/param.cgi?${query}`, user);
  assert.equal(res.status, 200, res.body);
  assert.equal(res.headers['content-type'], TYPE);
  return res.body;
}

async function listPost(body: string, contentType: string, query = ''): Promise<string> {
  const res = await vapixPost(server.url, `/axis-cgi/param.cgi${query}`, body, 'root:pass', contentType);
  assert.equal(res.status, 200, res.body);
  assert.equal(res.headers['content-type'], TYPE);
  return res.body;
}

const BRAND = crlf(
  'root.Brand.Brand=auxio',
  'root.Brand.ProdFullName=auxio Network I/O Server',
  'root.Brand.ProdNbr=AUXIO-2I1R',
  'root.Brand.ProdShortName=auxio',
  'root.Brand.ProdType=Network I/O Relay Module',
  'root.Brand.ProdVariant=',
  'root.Brand.WebURL=',
);

test('GET group=root.Brand lists the brand, byte for byte', async () => {
  assert.equal(await listGet('action=list&group=root.Brand'), BRAND);
});

test('POST with a URL-encoded body labelled text/plain (the axis library) lists root.Properties', async () => {
  const text = await listPost('action=list&group=root.Properties', 'text/plain');
  const props = new Map(text.split('\r\n').filter(Boolean).map((l) => l.split(/=(.*)/s).slice(0, 2) as [string, string]));
  for (const key of ['API.HTTP.Version', 'Firmware.BuildDate', 'Firmware.BuildNumber', 'Firmware.Version', 'System.SerialNumber']) {
    assert.ok(props.has(`root.Properties.${key}`), key);
  }
  assert.equal(props.get('root.Properties.API.HTTP.Version'), '3');
  assert.match(props.get('root.Properties.Firmware.Version')!, /^\d+\.\d+\.\d+$/);
  const serial = props.get('root.Properties.System.SerialNumber')!;
  assert.match(serial, /^(?=.*[A-F])[0-9A-F]{12}$/);
  const info = await vapixJson(server.url, '/axis-cgi/basicdeviceinfo.cgi', { apiVersion: '1.1', context: 'c', method: 'getAllProperties' });
  assert.equal(info.json.data.propertyList.SerialNumber, serial, 'param.cgi and basicdeviceinfo.cgi name different serials');
});

test('POST application/x-www-form-urlencoded lists root.IOPort: I0, I1 inputs, I2 the relay', async () => {
  assert.equal(
    await listPost('action=list&group=root.IOPort', 'application/x-www-form-urlencoded'),
    crlf(
      'root.IOPort.I0.Configurable=no',
      'root.IOPort.I0.Direction=input',
      'root.IOPort.I0.Usage=',
      'root.IOPort.I0.Input.Name=Input 1',
      'root.IOPort.I0.Input.Trig=closed',
      'root.IOPort.I1.Configurable=no',
      'root.IOPort.I1.Direction=input',
      'root.IOPort.I1.Usage=',
      'root.IOPort.I1.Input.Name=Input 2',
      'root.IOPort.I1.Input.Trig=closed',
      'root.IOPort.I2.Configurable=no',
      'root.IOPort.I2.Direction=output',
      'root.IOPort.I2.Usage=',
      'root.IOPort.I2.Output.Active=closed',
      'root.IOPort.I2.Output.Button=none',
      'root.IOPort.I2.Output.DelayTime=0',
      'root.IOPort.I2.Output.Mode=bistable',
      'root.IOPort.I2.Output.Name=Relay 1',
      'root.IOPort.I2.Output.PulseTime=1000',
    ),
  );
});

test('a comma list mixes prefixed and bare groups; each is echoed as asked', async () => {
  assert.equal(
    await listGet('action=list&group=Input.NbrOfInputs,root.Output.NbrOfOutputs,StreamProfile'),
    crlf('Input.NbrOfInputs=2', 'root.Output.NbrOfOutputs=1', 'StreamProfile.MaxGroups=0'),
  );
  // Network Optix asks single names, in its own spelling, and compares the answer's name exactly.
  assert.equal(await listGet('action=list&group=IOPort.I2.output.Name'), crlf('IOPort.I2.output.Name=Relay 1'));
  assert.equal(await listGet('action=list&group=root.Properties.API.HTTP.Version'), crlf('root.Properties.API.HTTP.Version=3'));
});

test('root.Image describes the one camera image.cgi serves', async () => {
  assert.equal(
    await listGet('action=list&group=root.Image'),
    crlf('root.Image.I0.Enabled=yes', 'root.Image.I0.Name=synthetic', 'root.Image.I0.Appearance.Resolution=640x480', 'root.Image.I0.Appearance.Rotation=0'),
  );
});

test('an unknown group answers 200 with Axis\'s error line; the other groups are still listed', async () => {
  assert.equal(await listGet('action=list&group=root.PTZ'), crlf("# Error: Error -1 getting param in group 'root.PTZ'"));
  assert.equal(
    await listPost('action=list&group=Network.Filter,root.Input', 'text/plain'),
    crlf("# Error: Error -1 getting param in group 'Network.Filter'", 'root.Input.NbrOfInputs=2'),
  );
});

test('query and body are read together, and no group lists everything with root.', async () => {
  assert.equal(await listPost('group=root.Input', 'text/plain', '?action=list'), crlf('root.Input.NbrOfInputs=2'));
  const all = (await listGet('action=list')).split('\r\n').filter(Boolean);
  assert.ok(all.length > 40, `only ${all.length} lines`);
  assert.ok(all.every((l) => l.startsWith('root.')));
  assert.equal(all[0], 'root.Brand.Brand=auxio');
});

test('a viewer may list', async () => {
  assert.equal(await listGet('action=list&group=root.Brand', 'vera:viewer-pw-1'), BRAND);
});

test('an action other than list or update is a 200 error line', async () => {
  assert.equal(await listGet('action=add&group=root.Brand'), crlf("# Error: Unsupported action 'add'"));
  assert.equal(await listGet('group=root.Brand'), crlf("# Error: Unsupported action ''"));
});

test('the JSON API keeps its own body parsers: a form body there is still 415', async () => {
  const res = await curl([
    '--basic', '-u', 'root:pass', '-X', 'PUT', '-H', 'Content-Type: application/x-www-form-urlencoded',
    '--data-binary', 'active=true', `${server.url}/api/v1/outputs/1`,
  ]);
  assert.equal(res.status, 415, res.body);
  assert.equal(JSON.parse(res.body).error.code, 'UNSUPPORTED_MEDIA_TYPE');
  assert.equal((await api(server.url, '/api/v1/outputs/1')).body.active, false);
});
