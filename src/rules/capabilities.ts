import type { InputReader, RelayControl } from '../io/index.ts';
import type { Journal } from '../journal/index.ts';
import type { SnapshotRecord, SnapshotTaker } from '../snapshot/index.ts';

/** An upload a script asks for: of this run's latest picture (or the store's latest). */
export interface UploadRequest {
  kind: 'ftp' | 'mail' | 'alert';
  /** A configured target's name; the first of that kind when absent. */
  target?: string;
  record: SnapshotRecord | null;
  label: string;
  text?: string;
}

/** Where script uploads go; they are queued and retried there, never awaited by the script. */
export interface UploadSink {
  enqueue(request: UploadRequest): void;
}

/** The pre-/post-trigger image buffer, as `buffer_init`, `buffer_start` and `buffer_stop` drive it. */
export interface BufferControl {
  init(options: { source?: string; pre: number; post: number; intervalMs: number }): Promise<void>;
  /** Stores the frames from before now and the `post` frames after; resolves when they are stored. */
  trigger(label: string, actor: string): Promise<SnapshotRecord[]>;
  stop(): Promise<void>;
}

/** Everything a script may touch, and nothing more. */
export interface ScriptCapabilities {
  relay: RelayControl;
  inputs: InputReader;
  snapshots: SnapshotTaker;
  uploads: UploadSink;
  buffers: BufferControl;
  journal: Journal;
}
