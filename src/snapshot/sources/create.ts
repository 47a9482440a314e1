import type { SnapshotSourceConfig } from '../../config/index.ts';
import type { SnapshotSource } from '../source.ts';
import { SyntheticSource } from './synthetic.ts';

/** Builds a configured source; each kind's module is loaded only when it is configured. */
export async function createSource(config: SnapshotSourceConfig): Promise<SnapshotSource> {
  switch (config.kind) {
    case 'synthetic':
      return new SyntheticSource({ name: config.name });
    case 'http':
    case 'ffmpeg':
      throw new Error(`snapshot source kind ${config.kind} is not available yet`);
  }
}
