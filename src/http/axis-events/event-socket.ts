import type { WebSocket } from 'ws';
import type { IoHub } from '../../io/index.ts';
import type { Journal, JournalEvent } from '../../journal/index.ts';
import { listPorts } from '../vapix/ports.ts';
import { journalNotification, portNotification, topicMatches, type AxisNotification } from './notifications.ts';

/** A client that falls this far behind is dropped: it must never hold up the hub or the others. */
export const MAX_BUFFERED_BYTES = 1024 * 1024;

export interface EventSocketOptions {
  ws: WebSocket;
  hub: IoHub;
  journal: Journal;
  address: string;
  owner: string;
  onDropped: (reason: string) => void;
}

interface Request {
  apiVersion?: unknown;
  context?: unknown;
  method?: unknown;
  params?: { eventFilterList?: Array<{ topicFilter?: unknown }> };
}

/**
 * One Axis event-streaming client (VAPIX "event streaming over WebSocket"). Nothing is sent before
 * the reply to `events:configure`: the client takes the first frame after its request as the reply.
 * Then the current state of every port, then each journal entry, in journal order.
 */
export class EventSocket {
  #filters: string[] | null = null;
  #unsubscribe: (() => void) | null = null;

  constructor(private readonly o: EventSocketOptions) {
    o.ws.on('message', (data, isBinary) => this.#onMessage(isBinary ? null : data.toString()));
    o.ws.on('close', () => this.#stop());
    o.ws.on('error', () => this.#stop());
  }

  #onMessage(text: string | null): void {
    let request: Request;
    try {
      request = text === null ? {} : (JSON.parse(text) as Request);
    } catch {
      return this.#send({ apiVersion: '1.0', error: { code: 4000, message: 'the message is not JSON' } });
    }
    const head = {
      apiVersion: typeof request.apiVersion === 'string' ? request.apiVersion : '1.0',
      ...(typeof request.context === 'string' ? { context: request.context } : {}),
      method: request.method,
    };
    if (request.method !== 'events:configure') {
      return this.#send({ ...head, error: { code: 2004, message: `method ${String(request.method)} is not supported` } });
    }
    const list = Array.isArray(request.params?.eventFilterList) ? request.params.eventFilterList : [];
    this.#filters = list.map((f) => (typeof f?.topicFilter === 'string' ? f.topicFilter : '')).filter((f) => f !== '');
    this.#send({ ...head, data: {} });
    const now = Date.now();
    for (const port of this.#ports()) this.#notify(portNotification(port, now));
    // Subscribing in the same synchronous step as reading the state: no change falls between them.
    this.#unsubscribe ??= this.o.journal.subscribe(this.o.owner, (e) => this.#onJournal(e));
  }

  #onJournal(event: JournalEvent): void {
    const notification = journalNotification(event, this.#ports());
    if (notification) this.#notify(notification);
  }

  #ports() {
    return listPorts(this.o.hub.inputs(), this.o.hub.outputs());
  }

  #notify(notification: AxisNotification): void {
    const filters = this.#filters;
    if (filters && filters.length > 0 && !filters.some((f) => topicMatches(f, notification.topic))) return;
    this.#send({ apiVersion: '1.0', method: 'events:notify', params: { notification } });
  }

  #send(message: object): void {
    const { ws } = this.o;
    if (ws.readyState !== ws.OPEN) return;
    if (ws.bufferedAmount > MAX_BUFFERED_BYTES) {
      this.#stop();
      ws.terminate();
      this.o.onDropped(`more than ${MAX_BUFFERED_BYTES} bytes unsent`);
      return;
    }
    ws.send(JSON.stringify(message));
  }

  #stop(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = null;
  }
}
