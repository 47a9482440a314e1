export { configSchema, type Config, type InputConfig, type OutputConfig, type SnapshotSourceConfig, type UploadTargetConfig } from './schema.ts';
export { loadConfig, validateConfig, ConfigError, type ConfigOverrides } from './load.ts';
export { backendKinds, channelBindings, pinCounts, type BackendConfig, type IoConfig } from './io-schema.ts';
