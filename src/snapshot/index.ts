// The snapshot part's public face: other parts import from here only.
export type { Snapshot, SnapshotRequest, SnapshotSource } from './source.ts';
export { SyntheticSource, SYNTHETIC_DEFAULTS, SYNTHETIC_LIMITS } from './sources/synthetic.ts';
export type { SyntheticSourceOptions } from './sources/synthetic.ts';
export { encodeJpeg } from './sources/encode-jpeg.ts';
export { SnapshotStore, LIST_DEFAULT_LIMIT, LIST_MAX_LIMIT } from './store.ts';
export type {
  ListOptions,
  RecoveryReport,
  SnapshotMeta,
  SnapshotRecord,
  SnapshotStoreOptions,
  StoredSnapshot,
} from './store.ts';
export type { RetentionPolicy } from './retention.ts';
export { isSnapshotId, parseSnapshotId } from './snapshot-id.ts';
export { formatLocalTimestamp } from './local-time.ts';
export { SnapshotService, SnapshotError, storageFullMessage, type SnapshotTaker, type TakeRequest, type SnapshotServiceOptions } from './service.ts';
export type { StorageState } from './disk-space.ts';
export { createSource } from './sources/create.ts';
export { readJpegSize } from './sources/jpeg-size.ts';
export type { JpegSize } from './sources/jpeg-size.ts';
export { SnapshotSourceError, isSnapshotSourceError, sourceErrorCodes } from './source-error.ts';
export type { SourceErrorCode, SourceErrorDetails } from './source-error.ts';
export { FrameBuffer, realFrameBufferClock } from './frame-buffer.ts';
export type { FrameBufferClock, FrameBufferOptions, FrameBufferStats } from './frame-buffer.ts';
export { ImageBuffer } from './image-buffer.ts';
