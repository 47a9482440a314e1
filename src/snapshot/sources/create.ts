import type { SnapshotSourceConfig } from '../../config/index.ts';
import type { SnapshotSource } from '../source.ts';
import { SyntheticSource } from './synthetic.ts';

/** Builds a configured source; each kind's module is loaded only when it is configured. */
export async function createSource(config: SnapshotSourceConfig): Promise<SnapshotSource> {
  switch (config.kind) {
    case 'synthetic':
      return new SyntheticSource({ name: config.name });
    case 'http': {
      const { HttpSnapshotSource } = await import('./http.ts');
      return new HttpSnapshotSource({
        name: config.name,
        url: config.url,
        username: config.username,
        password: config.password,
        timeoutMs: config.timeout_ms,
      });
    }
    case 'ffmpeg': {
      const { FfmpegSnapshotSource } = await import('./ffmpeg.ts');
      return new FfmpegSnapshotSource({
        name: config.name,
        input: config.input,
        inputArgs: config.input_args,
        fps: config.fps,
        width: config.width,
        height: config.height,
      });
    }
  }
}
