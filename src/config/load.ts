import { readFile } from 'node:fs/promises';
import type { z } from 'zod';
import { configSchema, type Config } from './schema.ts';

/** A config that could not be used; `problems` names each bad key. */
export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
  constructor(
    readonly source: string,
    readonly problems: string[],
  ) {
    super(`${source}: invalid config\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Command-line overrides; they win over the file. */
export interface ConfigOverrides {
  port?: number;
  host?: string;
  dataDir?: string;
  /** The MQTT broker URL (`--mqtt`). */
  mqttUrl?: string;
}

function describeIssue(issue: z.core.$ZodIssue): string[] {
  const at = issue.path.map(String).join('.');
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => `${at ? `${at}.` : ''}${key}: unknown key`);
  }
  return [`${at || '(root)'}: ${issue.message}`];
}

/** Validates a parsed config object, listing every problem with its key path, and freezes it. */
export function validateConfig(raw: unknown, source = 'config'): Config {
  const result = configSchema.safeParse(raw ?? {});
  if (!result.success) throw new ConfigError(source, result.error.issues.flatMap(describeIssue));
  return deepFreeze(result.data);
}

/** Reads the YAML file (when given), applies the overrides, validates. */
export async function loadConfig(file: string | undefined, overrides: ConfigOverrides = {}): Promise<Config> {
  const raw = file ? await readYaml(file) : {};
  if (raw !== null && (typeof raw !== 'object' || Array.isArray(raw))) {
    throw new ConfigError(file ?? 'config', ['(root): expected a mapping of keys']);
  }
  const merged = structuredClone((raw ?? {}) as Record<string, Record<string, unknown>>);
  if (overrides.dataDir !== undefined) merged.data_dir = overrides.dataDir as never;
  if (overrides.mqttUrl !== undefined) merged.mqtt = { ...(merged.mqtt ?? {}), url: overrides.mqttUrl };
  if (overrides.port !== undefined || overrides.host !== undefined) {
    merged.http = { ...(merged.http ?? {}) };
    if (overrides.port !== undefined) merged.http.port = overrides.port;
    if (overrides.host !== undefined) merged.http.host = overrides.host;
  }
  return validateConfig(merged, file ?? 'config');
}

async function readYaml(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new ConfigError(file, [`cannot read the file: ${(err as Error).message}`]);
  }
  // Loaded only when there is a file: a start on the embedded defaults does not pay for it.
  const { parse: parseYaml, YAMLParseError } = await import('yaml');
  try {
    return parseYaml(text, { prettyErrors: true });
  } catch (err) {
    if (err instanceof YAMLParseError) {
      const pos = err.linePos?.[0];
      throw new ConfigError(file, [`${pos ? `line ${pos.line}, column ${pos.col}: ` : ''}${err.message.split('\n')[0]}`]);
    }
    // The yaml library throws plain errors too (an alias to no anchor, an alias bomb): still the file's fault.
    throw new ConfigError(file, [`(root): ${(err as Error).message.split('\n')[0]}`]);
  }
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
