import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Journal, JournalEvent, JournalKind } from '../journal/index.ts';
import { eventJson } from './event-json.ts';

export interface StreamFilter {
  /** Resume after this seq (Last-Event-ID); without it the stream starts with what happens next. */
  since?: number | undefined;
  channel?: string | undefined;
  kind?: JournalKind | undefined;
}

const PAGE = 1000;
/** Frames a slow client may fall behind by before it is dropped; it resumes with Last-Event-ID. */
const MAX_BACKLOG_BYTES = 4 * 1024 * 1024;
const HEARTBEAT_MS = 15_000;
let streamCounter = 0;

/** One SSE frame; `id:` is the journal seq so a reconnect resumes without a gap. */
export function sseFrame(event: JournalEvent): string {
  // JSON.stringify escapes CR and LF, so a frame can never be split by its payload.
  return `id: ${event.seq}\ndata: ${JSON.stringify(eventJson(event))}\n\n`;
}

/**
 * Streams journal entries as Server-Sent Events. The backlog is read and the live subscription made
 * in one synchronous step: appends happen on this same thread, so nothing falls between them.
 */
export function openEventStream(req: FastifyRequest, reply: FastifyReply, journal: Journal, filter: StreamFilter): void {
  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-cache, no-store',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no',
  });
  const matches = (e: JournalEvent): boolean =>
    (filter.channel === undefined || e.channel === filter.channel) && (filter.kind === undefined || e.kind === filter.kind);
  let closed = false;
  const send = (e: JournalEvent): void => {
    if (closed || !matches(e)) return;
    res.write(sseFrame(e));
    if (res.writableLength > MAX_BACKLOG_BYTES) close();
  };
  res.write(': auxio event stream\nretry: 2000\n\n');
  if (filter.since !== undefined) {
    for (let after = filter.since; ; ) {
      const page = journal.query({ since: after, limit: PAGE, channel: filter.channel, kind: filter.kind });
      page.forEach(send);
      if (page.length < PAGE) break;
      after = page[page.length - 1]!.seq;
    }
  }
  const unsubscribe = journal.subscribe(`sse#${++streamCounter}`, send);
  const heartbeat = setInterval(() => res.write(': ping\n\n'), HEARTBEAT_MS);
  function close(): void {
    if (closed) return;
    closed = true;
    unsubscribe();
    clearInterval(heartbeat);
    res.end();
  }
  req.raw.on('close', close);
  res.on('error', close);
}
