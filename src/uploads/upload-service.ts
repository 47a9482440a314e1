import { readFile } from 'node:fs/promises';
import type { UploadTargetConfig, Config } from '../config/index.ts';
import type { Journal } from '../journal/index.ts';
import type { UploadRequest, UploadSink } from '../rules/index.ts';
import type { SnapshotStore } from '../snapshot/index.ts';
import { createUploadTarget, type UploadTargetSpec } from './create-target.ts';
import { UploadQueue } from './upload-queue.ts';
import type { UploadOutcome } from './upload-outcome.ts';
import type { UploadTarget } from './upload-target.ts';

export interface UploadServiceOptions {
  config: Config['uploads'];
  store: SnapshotStore;
  journal: Journal;
}

/** A config target as the target classes take it (camelCase options). */
function specOf(t: UploadTargetConfig): UploadTargetSpec {
  switch (t.kind) {
    case 'ftp':
      return { kind: 'ftp', name: t.name, host: t.host, port: t.port, user: t.user, password: t.password, dir: t.dir, secure: t.secure };
    case 'mail':
      return { kind: 'mail', name: t.name, host: t.host, port: t.port, secure: t.secure, user: t.user, password: t.password, from: t.from, to: t.to, subjectPrefix: t.subject_prefix };
    case 'alert':
      return { kind: 'alert', name: t.name, url: t.url, host: t.host, port: t.port, message: t.message };
  }
}

/**
 * Where scripts' `ftp`, `mail` and `alert` go: the picture is read from the store, queued per
 * target and retried there; every attempt is journaled. The script never waits for the network.
 */
export class UploadService implements UploadSink {
  readonly #targets: UploadTarget[];
  readonly #queue: UploadQueue;
  readonly #store: SnapshotStore;
  readonly #journal: Journal;

  constructor(o: UploadServiceOptions) {
    this.#store = o.store;
    this.#journal = o.journal;
    this.#targets = o.config.targets.map((t) => createUploadTarget(specOf(t)));
    this.#queue = new UploadQueue({
      targets: this.#targets,
      retry: { attempts: o.config.retry.attempts, initialDelayMs: o.config.retry.initial_delay_ms, maxDelayMs: o.config.retry.max_delay_ms },
      onOutcome: (outcome) => this.#record(outcome),
    });
  }

  enqueue(request: UploadRequest): void {
    void this.#enqueue(request);
  }

  stop(): Promise<void> {
    return this.#queue.stop();
  }

  async #enqueue(request: UploadRequest): Promise<void> {
    const target = request.target ?? this.#targets.find((t) => t.kind === request.kind)?.name;
    const stored = request.record ? this.#store.get(request.record.id) : this.#store.latest();
    const takenAt = stored?.record.takenAt ?? Date.now();
    const fileName = stored ? `${new Date(takenAt).toISOString().replace(/[:.]/g, '-')}_${stored.record.id}.jpg` : 'no-picture.jpg';
    if (!target) {
      return this.#record({ target: request.kind, kind: request.kind, fileName, attempt: 0, ok: false, willRetry: false, error: { code: 'UPLOAD_UNKNOWN_TARGET', message: `no ${request.kind} target is configured` } });
    }
    const jpeg = stored && request.kind !== 'alert' ? await readFile(stored.path).catch(() => undefined) : undefined;
    this.#queue.enqueue(target, { jpeg, fileName, takenAt, trigger: request.label, ...(request.text !== undefined ? { text: request.text } : {}) });
  }

  #record(o: UploadOutcome): void {
    this.#journal.append({
      kind: 'upload',
      actor: null,
      data: { target: o.target, kind: o.kind ?? 'unknown', file: o.fileName, attempt: o.attempt, ok: o.ok, willRetry: o.willRetry, ...(o.error ? { error: o.error } : {}) },
    });
  }
}
