// Config-shaped values for the config fuzz: random trees over the schema's own keys, valid configs
// from the README, and single edits that make them near-valid.
import fc from 'fast-check';
import { anyString, EDGE_NUMBERS } from './text-arbitraries.ts';

/** Every key the schema knows (src/config), and the backend names of the README's examples. */
export const KEYS = [
  'data_dir', 'http', 'host', 'port', 'realm', 'digest_algorithms', 'basic', 'body_limit_bytes', 'allow_factory_login_remote', 'io', 'backends',
  'inputs', 'outputs', 'name', 'invert', 'debounce_ms', 'device_class', 'backend', 'pin', 'startup', 'pulse_ms', 'kind', 'chip', 'line', 'bias',
  'active_low', 'tools_dir', 'unit_id', 'poll_ms', 'timeout_ms', 'address', 'coil', 'path', 'channels', 'baud_rate', 'journal', 'synchronous',
  'snapshot', 'default_source', 'sources', 'width', 'height', 'retention', 'max_age_days', 'max_count', 'max_bytes', 'url', 'username', 'password',
  'input', 'input_args', 'fps', 'uploads', 'targets', 'retry', 'attempts', 'initial_delay_ms', 'max_delay_ms', 'user', 'dir', 'secure', 'from', 'to',
  'subject_prefix', 'message', 'log', 'level', 'mqtt', 'client_id', 'keepalive_s', 'protocol_version', 'reconnect_min_ms', 'reconnect_max_ms',
  'queue_max', 'base_topic', 'device_id', 'command_role', 'public_url', 'home_assistant', 'enabled', 'discovery_prefix', 'status_topic',
  'device_name', 'snapshot_image', 'device', 'serial_number', 'brand', 'product_full_name', 'product_number', 'firmware_version', 'build_date',
  'hardware_id', 'sim', 'pi', 'yard', 'board',
];

/** Names that an object lookup (`backends[name]`) finds on every object's prototype. */
export const PROTOTYPE_NAMES = ['constructor', 'toString', 'valueOf', 'hasOwnProperty', '__proto__', 'isPrototypeOf', '__defineGetter__'];

const TRICKY_KEYS = [...PROTOTYPE_NAMES, '', ' ', 'a.b', '0', '-1', 'HTTP', 'Data_Dir', '<<'];

/** Strings the schema compares against: kinds, enums, names, URLs, and the prototype's names. */
const WORDS = [
  'sim', 'gpiochip', 'modbus-tcp', 'usb-relay', 'synthetic', 'http', 'ffmpeg', 'ftp', 'mail', 'alert', 'MD5', 'SHA-256', 'md5', 'off', 'on', 'restore',
  'normal', 'full', 'info', 'silent', 'viewer', 'operator', 'admin', 'door', 'pull-up', 'discrete', 'register', 'default', 'custom', 'mqtt://h:1883',
  'mqtts://u:p@h', 'http://cam/x.jpg', 'ftp://x', 'javascript:alert(1)', '/dev/video0', './data', '/tmp', '0.0.0.0', '::', 'A1B2C3D4E5F6', '1.2.3',
  'Jan 01 2026 00:00', 'GPIO17', '8080', '1e3', 'true', 'null', '~', 'auxio\r\nX-Injected: 1', 'a\tb', ...PROTOTYPE_NAMES,
];

export const configKey = fc.oneof({ arbitrary: fc.constantFrom(...KEYS), weight: 8 }, { arbitrary: fc.constantFrom(...TRICKY_KEYS), weight: 1 }, { arbitrary: anyString(8), weight: 1 });

const scalar = fc.oneof(
  fc.constantFrom(...WORDS),
  fc.constantFrom(...EDGE_NUMBERS),
  fc.integer({ min: -3, max: 70 }),
  fc.boolean(),
  fc.constant(null),
  anyString(20),
);

/** A random tree over the schema's keys. */
export const configTree: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown; object: Record<string, unknown> }>((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, fc.array(tie('value'), { maxLength: 3 }), tie('object')),
  object: fc.dictionary(configKey, tie('value'), { maxKeys: 5, noNullPrototype: true }),
})).object;

/** Valid configs, as the README shows them. */
export const VALID_CONFIGS: readonly object[] = [
  {},
  { data_dir: './data', http: { host: '0.0.0.0', port: 8080, realm: 'auxio', digest_algorithms: ['SHA-256', 'MD5'], basic: true, body_limit_bytes: 65536 } },
  { io: { inputs: [{ name: 'Door', invert: false, debounce_ms: 0, device_class: 'door', backend: 'sim', pin: 0 }, {}], outputs: [{ name: 'Gate', startup: 'off', pulse_ms: 1000 }] } },
  {
    io: {
      backends: { pi: { kind: 'gpiochip', chip: 'gpiochip0', inputs: [{ line: 'GPIO17', bias: 'pull-up' }, { line: 'GPIO27', bias: 'pull-up' }], outputs: [{ line: 'GPIO22' }] } },
      inputs: [{ name: 'Door', backend: 'pi', pin: 0, invert: true, debounce_ms: 50 }, { name: 'Gate', backend: 'pi', pin: 1, invert: true }],
      outputs: [{ name: 'Gate relay', backend: 'pi', pin: 0, startup: 'off', pulse_ms: 500 }],
    },
  },
  {
    io: {
      backends: { yard: { kind: 'modbus-tcp', host: '192.0.2.50', port: 502, unit_id: 1, poll_ms: 100, timeout_ms: 1000, inputs: [{ address: 0 }, { address: 1 }], outputs: [{ coil: 0 }] } },
      inputs: [{ name: 'Yard gate', backend: 'yard', pin: 0 }, { name: 'Barrier', backend: 'yard', pin: 1 }],
      outputs: [{ name: 'Floodlight', backend: 'yard', pin: 0 }],
    },
  },
  {
    io: {
      backends: { pi: { kind: 'gpiochip', inputs: [{ line: 'GPIO17', bias: 'pull-up' }] }, board: { kind: 'usb-relay', path: '/dev/ttyUSB0', channels: 2 } },
      inputs: [{ name: 'Door', backend: 'pi', pin: 0, invert: true }],
      outputs: [{ name: 'Buzzer', backend: 'board', pin: 0 }, { name: 'Lock', backend: 'board', pin: 1, startup: 'off' }],
    },
  },
  {
    snapshot: {
      default_source: 'door-cam',
      width: 640,
      height: 480,
      retention: { max_count: 10000, max_age_days: 30, max_bytes: 2000000000 },
      sources: [
        { name: 'synthetic', kind: 'synthetic' },
        { name: 'door-cam', kind: 'http', url: 'http://192.0.2.10/axis-cgi/jpg/image.cgi', username: 'viewer', password: 'secret', timeout_ms: 5000 },
        { name: 'webcam', kind: 'ffmpeg', input: '/dev/video0', input_args: ['-f', 'v4l2'], fps: 2 },
      ],
    },
  },
  {
    uploads: {
      retry: { attempts: 5, initial_delay_ms: 1000, max_delay_ms: 60000 },
      targets: [
        { name: 'nas', kind: 'ftp', host: '192.0.2.20', user: 'cam', password: 'secret', dir: '/door' },
        { name: 'me', kind: 'mail', host: 'smtp.example.org', port: 587, user: 'cam', password: 'secret', from: 'cam@example.org', to: ['me@example.org'] },
        { name: 'siren', kind: 'alert', url: 'http://192.0.2.30/hook' },
        { name: 'vms', kind: 'alert', host: '192.0.2.40', port: 9000 },
      ],
    },
  },
  {
    mqtt: {
      url: 'mqtt://192.0.2.5:1883', username: 'auxio', password: 'secret', device_id: 'gate', command_role: 'operator', public_url: 'http://192.0.2.10:8080',
      home_assistant: { enabled: true, discovery_prefix: 'homeassistant' },
    },
    journal: { synchronous: 'full' },
    log: { level: 'silent' },
    device: { serial_number: 'ACCC8E012345', brand: 'AXIS', firmware_version: '11.2.3', build_date: 'Jan 01 2026 00:00' },
  },
];

/** One edit at a path of a valid config: a new value, a removed key, or an unknown key. */
type Edit = { op: 'set'; value: unknown } | { op: 'delete' } | { op: 'add'; key: string; value: unknown };

const edit: fc.Arbitrary<Edit> = fc.oneof(
  { arbitrary: fc.record({ op: fc.constant('set' as const), value: fc.oneof(scalar, configTree) }), weight: 4 },
  { arbitrary: fc.constant({ op: 'delete' as const }), weight: 1 },
  { arbitrary: fc.record({ op: fc.constant('add' as const), key: configKey, value: scalar }), weight: 1 },
);

/** A valid README config with one to three edits, each at a node picked by a fraction of the node list. */
export const nearValidConfig: fc.Arbitrary<unknown> = fc
  .tuple(fc.constantFrom(...VALID_CONFIGS), fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), edit), { minLength: 1, maxLength: 3 }))
  .map(([base, edits]) => {
    const config = structuredClone(base) as Record<string, unknown>;
    for (const [at, e] of edits) applyEdit(config, at, e);
    return config;
  });

function applyEdit(root: Record<string, unknown>, at: number, e: Edit): void {
  const nodes = containers(root);
  const [parent, key] = nodes[Math.floor(at * nodes.length)] ?? [root, undefined];
  const target = key === undefined ? parent : (parent as Record<string, unknown>)[key];
  if (e.op === 'add' && target !== null && typeof target === 'object' && !Array.isArray(target)) {
    // defineProperty, so `__proto__` becomes a key as a parsed file would have it, not a prototype.
    Object.defineProperty(target, e.key, { value: e.value, enumerable: true, writable: true, configurable: true });
  }
  else if (e.op === 'delete' && key !== undefined) delete (parent as Record<string, unknown>)[key];
  else if (e.op === 'set' && key !== undefined) (parent as Record<string, unknown>)[key] = e.value;
}

/** Every [parent, key] in the tree (objects and arrays alike), the root as [root, undefined]. */
function containers(root: object): Array<[object, string | undefined]> {
  const out: Array<[object, string | undefined]> = [[root, undefined]];
  const walk = (node: object): void => {
    for (const [key, child] of Object.entries(node)) {
      out.push([node, key]);
      if (child !== null && typeof child === 'object') walk(child);
    }
  };
  walk(root);
  return out;
}
