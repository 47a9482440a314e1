export { configSchema, type Config, type InputConfig, type OutputConfig } from './schema.ts';
export { loadConfig, validateConfig, ConfigError, type ConfigOverrides } from './load.ts';
