// The VAPIX string parsers (src/http/vapix): port.cgi/output.cgi action strings, check lists, raw
// query splitting, param.cgi update pairs and group names. Each answers its result, never a throw,
// within its documented bounds; valid strings, raw or percent-encoded, read back as generated.
import fc from 'fast-check';
import { ACTION_LIMITS, parseActionString, type ActionStep } from '../../src/http/vapix/action-string.ts';
import { numberList, rawQuery } from '../../src/http/vapix/cgi-text.ts';
import { resolveIdentity } from '../../src/http/vapix/identity.ts';
import { buildParamTree, listParams } from '../../src/http/vapix/param-tree.ts';
import { planUpdate } from '../../src/http/vapix/param-update.ts';
import { listPorts, parsePortId, type Port } from '../../src/http/vapix/ports.ts';
import { planSteps } from '../../src/http/vapix/sequence-plan.ts';
import { anyString, encodeSome, nastyString } from './text-arbitraries.ts';
import type { FuzzTarget } from './targets.ts';

const MAX_MS = 500;

function timed<T>(what: string, run: () => T): T {
  const started = performance.now();
  const result = run();
  const ms = performance.now() - started;
  if (ms > MAX_MS) throw new Error(`${what} took ${ms.toFixed(0)} ms`);
  return result;
}

const step = fc.record({ waitMs: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: ACTION_LIMITS.maxWaitMs })), active: fc.boolean() });

/** A valid action and its steps, each character percent-encoded or not as a client might. */
const validAction = fc
  .record({
    port: fc.option(fc.integer({ min: 1, max: ACTION_LIMITS.maxPort })),
    steps: fc.array(step, { minLength: 1, maxLength: ACTION_LIMITS.maxSteps }),
    zeroWaits: fc.array(fc.constantFrom('', '0', '000'), { minLength: 1, maxLength: 4 }),
    mask: fc.array(fc.boolean(), { minLength: 1, maxLength: 8 }),
  })
  .map(({ port, steps, zeroWaits, mask }) => {
    const text = `${port ?? ''}:${steps.map((s, i) => `${s.waitMs === 0 ? zeroWaits[i % zeroWaits.length] : s.waitMs}${s.active ? '/' : '\\'}`).join('')}`;
    return { raw: encodeSome(text, mask), port, steps };
  });

/** Action-like junk: the grammar's own characters, numbers at the limits, and encodings of both. */
const actionish = fc
  .array(fc.oneof(fc.constantFrom(':', '/', '\\', '%3A', '%2F', '%5C', '%', '%2', '%zz', '+', ',', '-', '0', '3600000', '3600001', '9999', '10000', '99999999999999999999'), nastyString(3)), {
    maxLength: 40,
  })
  .map((parts) => parts.join(''));

function checkSteps(steps: readonly ActionStep[]): void {
  if (steps.length < 1 || steps.length > ACTION_LIMITS.maxSteps) throw new Error(`${steps.length} steps`);
  for (const s of steps) if (!Number.isSafeInteger(s.waitMs) || s.waitMs < 0 || s.waitMs > ACTION_LIMITS.maxWaitMs) throw new Error(`wait ${s.waitMs}`);
  const plan = planSteps([...steps]);
  let at = 0;
  for (const op of plan.ops) {
    if (op.atMs < at) throw new Error('ops out of time order');
    if (op.kind === 'pulse' && !(op.ms > 0)) throw new Error(`pulse of ${op.ms} ms`);
    at = op.atMs + (op.kind === 'pulse' ? op.ms : 0);
  }
  if (plan.durationMs !== steps.reduce((sum, s) => sum + s.waitMs, 0)) throw new Error('duration is not the sum of the waits');
}

const actionStrings: FuzzTarget = {
  name: 'vapix: port.cgi action strings',
  family: 'vapix',
  open: () => ({
    property: fc.property(fc.oneof(validAction, fc.oneof(actionish, anyString(60)).map((raw) => ({ raw, port: undefined, steps: undefined }))), (input) => {
      const parsed = timed('parseActionString', () => parseActionString(input.raw));
      if (!parsed.ok) {
        if (input.steps !== undefined) throw new Error(`a valid action was refused: ${parsed.reason}`);
        if (typeof parsed.reason !== 'string' || parsed.reason === '') throw new Error('refused without a reason');
        return;
      }
      const { port, steps } = parsed.action;
      if (port !== null && !(Number.isInteger(port) && port >= 1 && port <= ACTION_LIMITS.maxPort)) throw new Error(`port ${port}`);
      checkSteps(steps);
      if (input.steps !== undefined && (port !== input.port || JSON.stringify(steps) !== JSON.stringify(input.steps))) {
        throw new Error(`read back ${JSON.stringify(parsed.action)}`);
      }
    }),
  }),
};

const numbers = fc.integer({ min: 1, max: 9999 });
const validList = fc.tuple(fc.array(numbers, { minLength: 1, maxLength: 256 }), fc.array(fc.boolean(), { minLength: 1, maxLength: 4 })).map(([list, mask]) => ({ raw: encodeSome(list.join(','), mask), list }));
const listish = fc.array(fc.oneof(fc.constantFrom(',', '%2C', '0', '1', '01', '-1', '10000', ' ', '%', '+1', '1e3'), nastyString(2)), { maxLength: 30 }).map((p) => p.join(''));

const queryish = fc
  .array(fc.oneof(fc.constantFrom('&', '=', '?', 'check', 'checkactive', 'action', 'monitor', '%26', '%3D', '%', '+', '#'), nastyString(4)), { maxLength: 30 })
  .map((p) => `/axis-cgi/io/port.cgi?${p.join('')}`);

const checkLists: FuzzTarget = {
  name: 'vapix: check lists, port ids and query strings',
  family: 'vapix',
  open: () => ({
    property: fc.property(fc.oneof(validList, fc.oneof(listish, anyString(40)).map((raw) => ({ raw, list: undefined }))), queryish, anyString(8), (input, url, id) => {
      const list = timed('numberList', () => numberList(input.raw));
      if (list !== null && (list.length > 256 || !list.every((n) => Number.isInteger(n) && n >= 1 && n <= 9999))) throw new Error(`list ${list}`);
      if (input.list !== undefined && JSON.stringify(list) !== JSON.stringify(input.list)) throw new Error(`read back ${JSON.stringify(list)}`);
      const pairs = timed('rawQuery', () => rawQuery(url));
      const parts = url.slice(url.indexOf('?') + 1).split('&').filter((p) => p !== '');
      if (pairs.length !== parts.length || pairs.some(([, value], i) => !parts[i]!.endsWith(value))) throw new Error('pairs lost or changed a value');
      const port = parsePortId(id);
      if (!Number.isNaN(port) && !(Number.isInteger(port) && port >= 0 && String(port) === id)) throw new Error(`port id ${port} from ${JSON.stringify(id)}`);
    }),
  }),
};

const state = { id: '', index: 1, name: 'x', lastChange: null, fault: null, invert: false };
const PORTS: Port[] = listPorts(
  [1, 2].map((index) => ({ ...state, id: `input${index}`, index, level: 0 as const, pulses: 0 })),
  [{ ...state, id: 'output1', index: 1, active: false, pulseUntil: null, pulseMs: 1000 }],
);
const TREE = buildParamTree({
  identity: resolveIdentity({ version: '0.1.0', inputs: 2, outputs: 1, journal: { getState: () => undefined, putState: () => {} } }),
  ports: PORTS,
  image: { source: 'synthetic', width: 640, height: 480 },
});

const paramKey = fc.oneof(
  fc
    .tuple(fc.constantFrom('', 'root.', 'ROOT.', 'Root.'), fc.constantFrom('IOPort', 'ioport', 'IOPORT'), fc.oneof(fc.integer({ min: 0, max: 4 }).map(String), fc.constantFrom('00', '-1', '9999', '1e0', ' 1')))
    .chain(([root, io, n]) =>
      fc.constantFrom('Input.Name', 'Input.Trig', 'Output.Name', 'Output.Active', 'Output.PulseTime', 'output.pulsetime', 'Direction', 'Usage', 'Input', '').map((leaf) => `${root}${io}.I${n}.${leaf}`),
    ),
  anyString(30),
);
const paramValue = fc.oneof(fc.constantFrom('open', 'closed', 'OPEN', '0', '1', '300', '3600000', '3600001', '0300', '-1', '', 'Door'), anyString(70));
const group = fc.oneof(
  fc.constantFrom('root', 'root.', 'Brand', 'root.Brand', 'IOPort', 'root.IOPort.I0', 'IOPort.*.Input', '*', '*.*', 'Properties.System.SerialNumber', 'root.Nope', '.', '..', ''),
  anyString(30),
);

const paramStrings: FuzzTarget = {
  name: 'vapix: param.cgi update pairs and groups',
  family: 'vapix',
  open: () => ({
    property: fc.property(fc.array(fc.tuple(paramKey, paramValue), { maxLength: 6 }), fc.array(group, { maxLength: 4 }), (pairs, groups) => {
      const plan = timed('planUpdate', () => planUpdate(pairs, PORTS));
      if (!plan.ok && !pairs.some(([k, v]) => k === plan.key && v === plan.value)) throw new Error('the refusal names a pair that was not sent');
      if (plan.ok) {
        for (const change of plan.changes) {
          const { name, pulseMs } = change.settings;
          if (name !== undefined && (name.length < 1 || name.length > 64 || /[\x00-\x1f\x7f]/.test(name))) throw new Error(`name ${JSON.stringify(name)} accepted`);
          if (pulseMs !== undefined && !(Number.isInteger(pulseMs) && pulseMs >= 1 && pulseMs <= 3_600_000)) throw new Error(`pulse ${pulseMs} accepted`);
        }
      }
      const lines = timed('listParams', () => listParams(TREE, groups));
      const bad = lines.find((l) => /[\x00-\x1f\x7f]/.test(l) || !(l.startsWith('# Error: ') || l.includes('=')));
      if (bad !== undefined) throw new Error(`listing line ${JSON.stringify(bad)}`);
    }),
  }),
};

export const vapixTargets: readonly FuzzTarget[] = [actionStrings, checkLists, paramStrings];
