import { FrameBuffer } from './frame-buffer.ts';
import type { SnapshotService } from './service.ts';
import type { SnapshotRecord } from './store.ts';

/**
 * The pre-/post-trigger image buffer as the AXIS manuals' script commands drive it: `buffer_init`
 * keeps the last `pre` frames of a source in memory, `buffer_start` stores them with `post` more,
 * `buffer_stop` ends it. One buffer at a time, as on the camera servers.
 */
export class ImageBuffer {
  #buffer: FrameBuffer | null = null;
  #source = '';

  constructor(private readonly snapshots: SnapshotService) {}

  async init(options: { source?: string; pre: number; post: number; intervalMs: number }): Promise<void> {
    await this.stop();
    const source = this.snapshots.source(options.source);
    if (!source) throw new Error(`no snapshot source named "${options.source}"`);
    this.#source = source.name;
    this.#buffer = new FrameBuffer({
      source,
      pre: options.pre,
      post: options.post,
      intervalMs: options.intervalMs,
      request: this.snapshots.size,
      // Once per outage, not per retry: the buffer keeps asking (with back-off) until the camera is back.
      onCaptureError: (err, inARow) => {
        if (inARow === 1) this.snapshots.journalFailure(err, { source: source.name, label: 'pre-trigger buffer', actor: 'buffer' });
      },
    });
    this.#buffer.start();
  }

  async trigger(label: string, actor: string): Promise<SnapshotRecord[]> {
    if (!this.#buffer) throw new Error('no image buffer: run buffer_init first');
    const frames = await this.#buffer.trigger();
    return this.snapshots.storeFrames(frames, { source: this.#source, label, actor });
  }

  async stop(): Promise<void> {
    const buffer = this.#buffer;
    this.#buffer = null;
    await buffer?.stop();
  }
}
