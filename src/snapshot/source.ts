/** What a snapshot is asked to show and be. */
export interface SnapshotRequest {
  width?: number;
  height?: number;
  /** Drawn on synthetic pictures and stored with the picture: what triggered it. */
  label?: string;
  /** JPEG quality 1-100. */
  quality?: number;
}

/** One JPEG picture, as a source produced it. */
export interface Snapshot {
  jpeg: Buffer;
  width: number;
  height: number;
  /** When the frame was captured, ms since the epoch. */
  capturedAt: number;
}

/** The one seam between auxio and a camera: anything that can hand over a JPEG. */
export interface SnapshotSource {
  readonly name: string;
  readonly kind: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  capture(request?: SnapshotRequest): Promise<Snapshot>;
}
