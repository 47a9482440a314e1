// The journal's live stream. EventSource reconnects by itself after a network error and resumes
// with Last-Event-ID (the server replays what was missed). After an answer that is not a stream
// (a 503 while auxio shuts down, a 401) the browser gives up: we then resync and open a new
// stream from the last seq we saw, backing off while auxio is away.

/**
 * Opens `/api/v1/events/stream` from `since`; each new entry goes to `onEntry` once, in seq order.
 * `onState` hears `live`, `reconnecting` or `offline`. `resync` runs before a fresh stream is opened
 * and may throw to stop (a 401: the login is gone).
 */
export function openStream({ since, onEntry, onState, resync }) {
  let last = since;
  let source = null;
  let timer = 0;
  let delay = 1000;
  const connect = () => {
    source = new EventSource(`/api/v1/events/stream?since=${last}`);
    source.addEventListener('open', () => {
      delay = 1000;
      onState('live');
    });
    source.addEventListener('message', (message) => {
      let entry;
      try {
        entry = JSON.parse(message.data);
      } catch {
        return;
      }
      if (entry.seq <= last) return;
      last = entry.seq;
      onEntry(entry);
    });
    source.addEventListener('error', () => {
      if (source.readyState !== EventSource.CLOSED) return onState('reconnecting');
      onState('offline');
      clearTimeout(timer);
      timer = setTimeout(async () => {
        try {
          await resync();
          connect();
        } catch (err) {
          if (err?.status === 401) return;
          delay = Math.min(delay * 2, 30_000);
          source.dispatchEvent(new Event('error'));
        }
      }, delay);
    });
  };
  connect();
  return {
    get lastSeq() {
      return last;
    },
    close() {
      clearTimeout(timer);
      source?.close();
    },
  };
}
