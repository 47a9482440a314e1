import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { InputState, OutputState } from '../../io/index.ts';
import { buildParamTree, listParams, type ParamSource } from './param-tree.ts';
import { planUpdate } from './param-update.ts';
import { listPorts } from './ports.ts';
import type { DeviceIdentity } from './identity.ts';

const identity: DeviceIdentity = {
  serialNumber: '02A1B2C3D4E5', brand: 'auxio', prodFullName: 'auxio Network I/O Server', prodNbr: 'AUXIO-2I1R',
  prodShortName: 'auxio', prodType: 'Network I/O Relay Module', prodVariant: '', webUrl: '', firmwareVersion: '0.1.0',
  buildDate: 'Jan 01 2026 00:00', buildNumber: '1', hardwareId: 'AUX1', architecture: 'x86_64', soc: 'auxio',
  socSerialNumber: '00000000-00000000-02A1B2C3-0000D4E5',
};

const input = (index: number, over: Partial<InputState> = {}): InputState => ({
  id: `input${index}`, index, name: `Input ${index}`, level: 0, pulses: 0, lastChange: null, fault: null, invert: false, ...over,
});
const output = (index: number, over: Partial<OutputState> = {}): OutputState => ({
  id: `output${index}`, index, name: `Relay ${index}`, active: false, pulseUntil: null, lastChange: null, fault: null,
  invert: false, pulseMs: 1000, ...over,
});

function source(inputs = [input(1), input(2)], outputs = [output(1)]): ParamSource {
  return { identity, ports: listPorts(inputs, outputs), image: { source: 'synthetic', width: 640, height: 480 } };
}

const tree = buildParamTree(source());
const list = (...groups: string[]) => listParams(tree, groups);

test('root.Brand lists every key the axis library requires, in the documented form', () => {
  assert.deepEqual(list('root.Brand'), [
    'root.Brand.Brand=auxio',
    'root.Brand.ProdFullName=auxio Network I/O Server',
    'root.Brand.ProdNbr=AUXIO-2I1R',
    'root.Brand.ProdShortName=auxio',
    'root.Brand.ProdType=Network I/O Relay Module',
    'root.Brand.ProdVariant=',
    'root.Brand.WebURL=',
  ]);
});

test('root.Properties carries the required keys with values that parse as the library expects', () => {
  const props = Object.fromEntries(list('root.Properties').map((l) => l.split(/=(.*)/s).slice(0, 2) as [string, string]));
  assert.equal(props['root.Properties.API.HTTP.Version'], '3');
  assert.equal(props['root.Properties.Firmware.BuildDate'], 'Jan 01 2026 00:00');
  assert.equal(props['root.Properties.Firmware.BuildNumber'], '1');
  assert.equal(props['root.Properties.Firmware.Version'], '0.1.0');
  assert.equal(props['root.Properties.System.SerialNumber'], '02A1B2C3D4E5');
  assert.equal(props['root.Properties.Image.Resolution']!.split(',')[0], '640x480');
  // Keys that would make clients call APIs auxio lacks are left out.
  for (const absent of ['Image.Format', 'PTZ.PTZ', 'EmbeddedDevelopment.Version', 'LightControl.LightControl2', 'IO.ManualTriggerNbr']) {
    assert.equal(props[`root.Properties.${absent}`], undefined, absent);
  }
});

test('root.IOPort: inputs then outputs, 0-based, only I<n> children', () => {
  assert.deepEqual(list('root.IOPort'), [
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
  ]);
});

test('inverted channels report the open circuit as active', () => {
  const inverted = buildParamTree(source([input(1, { invert: true }), input(2)], [output(1, { invert: true, pulseMs: 250 })]));
  assert.deepEqual(listParams(inverted, ['IOPort.I0.Input.Trig', 'IOPort.I1.Input.Trig', 'IOPort.I2.Output.Active', 'IOPort.I2.Output.PulseTime']), [
    'IOPort.I0.Input.Trig=open',
    'IOPort.I1.Input.Trig=closed',
    'IOPort.I2.Output.Active=open',
    'IOPort.I2.Output.PulseTime=250',
  ]);
});

test('counts, stream profile and image groups', () => {
  assert.deepEqual(list('root.Input', 'root.Output', 'root.StreamProfile'), [
    'root.Input.NbrOfInputs=2',
    'root.Output.NbrOfOutputs=1',
    'root.StreamProfile.MaxGroups=0',
  ]);
  assert.deepEqual(list('root.Image'), [
    'root.Image.I0.Enabled=yes',
    'root.Image.I0.Name=synthetic',
    'root.Image.I0.Appearance.Resolution=640x480',
    'root.Image.I0.Appearance.Rotation=0',
  ]);
});

test('the prefix is echoed as asked: root.X gives root. lines, X gives bare lines', () => {
  assert.deepEqual(list('Input.NbrOfInputs'), ['Input.NbrOfInputs=2']);
  assert.deepEqual(list('root.Input.NbrOfInputs'), ['root.Input.NbrOfInputs=2']);
  assert.deepEqual(list('Properties.API.HTTP.Version'), ['Properties.API.HTTP.Version=3']);
});

test('names match case-insensitively and echo the asked spelling (Network Optix asks IOPort.I0.input.Name)', () => {
  assert.deepEqual(list('IOPort.I0.input.Name'), ['IOPort.I0.input.Name=Input 1']);
  assert.deepEqual(list('root.brand.prodnbr'), ['root.brand.prodnbr=AUXIO-2I1R']);
});

test('* matches one level and keeps the real names', () => {
  assert.deepEqual(list('IOPort.*.Direction'), ['IOPort.I0.Direction=input', 'IOPort.I1.Direction=input', 'IOPort.I2.Direction=output']);
});

test('an unknown group gives Axis\'s error line as asked, and the other groups are still listed', () => {
  assert.deepEqual(list('Network.Filter'), ["# Error: Error -1 getting param in group 'Network.Filter'"]);
  assert.deepEqual(list('root.Input', 'root.PTZ', 'Output.NbrOfOutputs'), [
    'root.Input.NbrOfInputs=2',
    "# Error: Error -1 getting param in group 'root.PTZ'",
    'Output.NbrOfOutputs=1',
  ]);
  // A name that is only a prefix of a segment is not a match.
  assert.deepEqual(list('Input.Nbr'), ["# Error: Error -1 getting param in group 'Input.Nbr'"]);
});

test('no group lists the whole tree, root-prefixed; group=root does the same', () => {
  assert.equal(list().length, tree.length);
  assert.deepEqual(list(), list('root'));
  assert.ok(list().every((l) => l.startsWith('root.')));
});

test('a name with a line break cannot forge a parameter line', () => {
  const forged = buildParamTree(source([input(1, { name: 'Door\nroot.Brand.Brand=Axis' })], [output(1)]));
  assert.deepEqual(listParams(forged, ['IOPort.I0.Input.Name']), ['IOPort.I0.Input.Name=Door root.Brand.Brand=Axis']);
});

// Found by the header-injection sweep (test/e2e/path-traversal-and-header-injection-are-refused.test.ts):
// `group=%00x` came back with its NUL in the error line.
test('an echoed group or name holds no control character', () => {
  assert.deepEqual(list('\u0000X-Injected', 'a\u001b[2J\tb\r\n'), [
    "# Error: Error -1 getting param in group ' X-Injected'",
    "# Error: Error -1 getting param in group 'a [2J b '",
  ]);
  const named = buildParamTree(source([input(1, { name: 'Door\u0000\u0007' })], [output(1)]));
  assert.deepEqual(listParams(named, ['IOPort.I0.Input.Name']), ['IOPort.I0.Input.Name=Door ']);
});

test('update: names, Trig, Active and PulseTime map to channel settings, merged per port', () => {
  const ports = listPorts([input(1), input(2)], [output(1)]);
  const plan = planUpdate(
    [
      ['root.IOPort.I0.Input.Name', 'Door'],
      ['IOPort.I0.Input.Trig', 'open'],
      ['ioport.i2.output.active', 'closed'],
      ['root.IOPort.I2.Output.PulseTime', '300'],
      ['IOPort.I2.Output.Name', 'Gate'],
    ],
    ports,
  );
  assert.ok(plan.ok);
  assert.deepEqual(
    plan.changes.map((c) => [c.port.id, c.settings]),
    [
      [0, { name: 'Door', invert: true }],
      [2, { invert: false, pulseMs: 300, name: 'Gate' }],
    ],
  );
});

test('update refuses read-only, mis-directed, unknown and badly valued parameters, naming the first', () => {
  const ports = listPorts([input(1), input(2)], [output(1)]);
  const refused: Array<[string, string]> = [
    ['IOPort.I0.Direction', 'output'],
    ['IOPort.I0.Output.Name', 'x'],
    ['IOPort.I2.Input.Trig', 'open'],
    ['IOPort.I3.Input.Name', 'x'],
    ['IOPort.I0.Input.Trig', 'maybe'],
    ['IOPort.I0.Input.Name', ''],
    ['IOPort.I0.Input.Name', 'a'.repeat(65)],
    ['IOPort.I0.Input.Name', 'two\nlines'],
    ['IOPort.I2.Output.PulseTime', '0'],
    ['IOPort.I2.Output.PulseTime', '3600001'],
    ['IOPort.I2.Output.PulseTime', '1.5'],
    ['Brand.Brand', 'Axis'],
    ['IOPort.I01.Input.Name', 'x'],
  ];
  for (const [key, value] of refused) {
    assert.deepEqual(planUpdate([['IOPort.I1.Input.Name', 'ok'], [key, value]], ports), { ok: false, key, value }, key);
  }
});
