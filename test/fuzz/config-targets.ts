// The config (src/config): any object or YAML file either validates, to a frozen config whose
// channels sit on backends it declares, or fails with a ConfigError whose every problem names a key.
// Nothing else may come out: a raw exception would stop start-up with a stack instead of a message.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { parse as parseYaml, stringify } from 'yaml';
import { channelBindings, ConfigError, loadConfig, pinCounts, validateConfig, type Config, type ConfigOverrides } from '../../src/config/index.ts';
import { configKey, configTree, KEYS, nearValidConfig, PROTOTYPE_NAMES, VALID_CONFIGS } from './config-arbitraries.ts';
import { mutate, mutation } from './script-arbitraries.ts';
import { nastyString } from './text-arbitraries.ts';
import { Authenticator } from '../../src/http/auth/index.ts';
import type { FuzzTarget } from './targets.ts';

const MAX_MS = 2000;

const YAML_PLACE = /^(?:line \d+, column \d+: |cannot read the file: )\S/;

/** Every key path of a parsed value (`io.inputs.0.pin`), the root as ''. */
function keyPaths(value: unknown, at = '', out = new Set<string>([''])): Set<string> {
  if (value === null || typeof value !== 'object') return out;
  for (const [key, child] of Object.entries(value)) {
    const path = at === '' ? key : `${at}.${key}`;
    out.add(path);
    keyPaths(child, path, out);
  }
  return out;
}

/**
 * Whether a problem starts by naming a key: `(root)`, a path of the input, a key missing under one
 * (`io.backends.x.host: ...`), or a path of schema keys and indexes (a default, `io.inputs.0.backend`).
 * YAML syntax problems name a line and column instead.
 */
function namesAKey(problem: string, paths: ReadonlySet<string>): boolean {
  if (YAML_PLACE.test(problem)) return true;
  for (let i = problem.indexOf(': '); i >= 0; i = problem.indexOf(': ', i + 1)) {
    const path = problem.slice(0, i);
    const dot = path.lastIndexOf('.');
    const parent = dot < 0 ? '' : path.slice(0, dot);
    if (path === '(root)' || paths.has(path) || (paths.has(parent) && /^[\w-]+$/.test(path.slice(dot + 1)))) return true;
    if (path.split('.').every((segment) => /^\d+$/.test(segment) || SCHEMA_KEYS.has(segment))) return true;
  }
  return false;
}

const SCHEMA_KEYS = new Set(KEYS);

function checkFailure(err: unknown, raw: unknown): void {
  if (!(err instanceof ConfigError)) throw new Error(`not a ConfigError: ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}`);
  if (err.problems.length === 0) throw new Error('a ConfigError without problems');
  const paths = keyPaths(raw);
  const bad = err.problems.find((p) => !namesAKey(p, paths));
  if (bad !== undefined) throw new Error(`a problem names no key: ${JSON.stringify(bad)}`);
}

/** What a config that validated must hold: frozen, every channel on a backend it declares, a realm that can be sent. */
function checkValid(config: Config): void {
  if (!isDeepFrozen(config)) throw new Error('the validated config is not frozen');
  const { realm, digest_algorithms: digestAlgorithms, basic: allowBasic } = config.http;
  new Authenticator({ realm, users: { find: () => undefined }, digestAlgorithms: [...digestAlgorithms], allowBasic });
  const bindings = channelBindings(config.io);
  for (const side of ['inputs', 'outputs'] as const) {
    bindings[side].forEach(({ backend, pin }, i) => {
      if (!Object.hasOwn(config.io.backends, backend)) throw new Error(`io.${side}.${i} is bound to "${backend}", which is no declared backend`);
      const bound = { inputs: bindings.inputs.filter((b) => b.backend === backend).length, outputs: bindings.outputs.filter((b) => b.backend === backend).length };
      if (pin >= pinCounts(config.io.backends[backend]!, bound)[side]) throw new Error(`io.${side}.${i} is bound to pin ${pin} of "${backend}", which has no such pin`);
    });
  }
}

function isDeepFrozen(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return true;
  return Object.isFrozen(value) && Object.values(value).every(isDeepFrozen);
}

function timed<T>(run: () => T): T {
  const started = performance.now();
  const result = run();
  const ms = performance.now() - started;
  if (ms > MAX_MS) throw new Error(`took ${ms.toFixed(0)} ms`);
  return result;
}

/** An object that may name a prototype property as a backend. */
const prototypeBackend = fc
  .tuple(fc.constantFrom(...PROTOTYPE_NAMES), fc.constantFrom('inputs', 'outputs'))
  .map(([backend, side]) => ({ io: { [side]: [{ backend }] } }));

const objects: FuzzTarget = {
  name: 'config: validateConfig on objects',
  family: 'config',
  open: () => ({
    property: fc.property(fc.oneof({ arbitrary: configTree, weight: 4 }, { arbitrary: nearValidConfig, weight: 4 }, { arbitrary: prototypeBackend, weight: 1 }), (raw) => {
      let config: Config;
      try {
        config = timed(() => validateConfig(raw));
      } catch (err) {
        checkFailure(err, raw);
        return;
      }
      checkValid(config);
    }),
  }),
};

/** YAML-significant pieces: indicators, anchors and aliases, tags, documents, the schema's keys. */
const yamlish = fc
  .array(
    fc.oneof(
      fc.constantFrom(': ', '- ', '  ', '\n', '\r\n', '\t', '&a ', '*a', '&b ', '*b', '*x', '!!int ', '!!binary ', '!!str ', '!!map ', '!!set ', '!!omap ', '!!timestamp '),
      fc.constantFrom('<<: ', '{', '}', '[', ']', ', ', '"', "'", '|', '>', '# ', '---\n', '...\n', '%YAML 1.1\n', '%TAG ! tag:x,2000:\n', '? ', '@', '`', '~', '.inf', '0x1F', '1e400'),
      configKey.map((k) => `${k}: `),
      nastyString(5),
    ),
    { maxLength: 60 },
  )
  .map((parts) => parts.join(''));

/** Anchors whose aliases repeat a level `width` times, `depth` deep: a billion laughs in miniature. */
const aliasTree = fc.tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 12 }), fc.constantFrom('data_dir', 'io', 'http', 'x')).map(([depth, width, key]) => {
  const lines = ['l0: &l0 [x, y]'];
  for (let d = 1; d <= depth; d++) lines.push(`l${d}: &l${d} [${Array(width).fill(`*l${d - 1}`).join(', ')}]`);
  return `${lines.join('\n')}\n${key}: *l${depth}\n`;
});

const yamlText = fc.oneof(
  configTree.map((tree) => stringify(tree)),
  nearValidConfig.map((config) => stringify(config)),
  yamlish,
  aliasTree,
  fc.tuple(fc.constantFrom(...VALID_CONFIGS), fc.array(mutation, { minLength: 1, maxLength: 3 })).map(([config, edits]) => mutate(stringify(config), edits)),
);

const overrides = fc.record(
  { port: fc.oneof(fc.integer({ min: -2, max: 70000 }), fc.constantFrom(Number.NaN, 1.5)), host: nastyString(10), dataDir: nastyString(10), mqttUrl: nastyString(12) },
  { requiredKeys: [] },
);

/** The value loadConfig validates: the file as parsed, with the flags applied (for naming its keys). */
function asLoaded(text: string, flags: ConfigOverrides | undefined): unknown {
  let raw: unknown;
  try {
    raw = parseYaml(text, { logLevel: 'silent' });
  } catch {
    return {};
  }
  const merged = { value: raw && typeof raw === 'object' ? structuredClone(raw) : {} } as { value: Record<string, Record<string, unknown>> };
  if (flags?.dataDir !== undefined) merged.value.data_dir = {};
  if (flags?.mqttUrl !== undefined) merged.value.mqtt = { ...merged.value.mqtt, url: flags.mqttUrl };
  if (flags?.port !== undefined || flags?.host !== undefined) merged.value.http = { ...merged.value.http, port: flags.port, host: flags.host };
  return merged.value;
}

const yamlFiles: FuzzTarget = {
  name: 'config: loadConfig on YAML files',
  family: 'config',
  open: () => {
    // In memory where there is a tmpfs: a hundred thousand writes to disk would cost more than the parsing.
    const dir = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'auxio-fuzz-config-'));
    const file = join(dir, 'auxio.yaml');
    // yaml warns on process for odd tags; the fuzz makes thousands of them.
    const emitWarning = process.emitWarning;
    process.emitWarning = (() => {}) as typeof process.emitWarning;
    return {
      property: fc.asyncProperty(yamlText, fc.option(overrides, { nil: undefined }), async (text, flags) => {
        writeFileSync(file, text);
        const started = performance.now();
        const outcome = await loadConfig(file, flags).then((config) => ({ config }), (err: unknown) => ({ err }));
        const ms = performance.now() - started;
        if (ms > MAX_MS) throw new Error(`took ${ms.toFixed(0)} ms`);
        // As read back: a lone surrogate was written as U+FFFD.
        if ('err' in outcome) checkFailure(outcome.err, asLoaded(Buffer.from(text).toString('utf8'), flags));
        else checkValid(outcome.config);
      }),
      close: () => {
        process.emitWarning = emitWarning;
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
};

export const configTargets: readonly FuzzTarget[] = [objects, yamlFiles];
