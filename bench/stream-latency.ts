import { startServer } from '../test/support/server.ts';
import { AxisEventClient } from '../test/support/axis-ws.ts';
import { readEventStream } from './sse-events.ts';
import { percentile } from './stats.ts';

export interface LatencyRow {
  clients: number;
  wsP50: number;
  wsP99: number;
  sseP50: number;
  sseP99: number;
}

const auth = { authorization: `Basic ${Buffer.from('root:pass').toString('base64')}` };

/** An SSE reader that records, for each input event, receive time minus the event's journal time. */
function sseLatencies(url: string, into: number[]): Promise<() => void> {
  return readEventStream(url, '?kind=input', (e) => into.push(e.receivedAt - Date.parse(e.time)));
}

/** Edge → notification latency on the Axis WebSocket with N clients, next to SSE's for the same edges. */
export async function measureStreamLatency(clientCounts: number[], edges: number): Promise<LatencyRow[]> {
  const rows: LatencyRow[] = [];
  for (const count of clientCounts) {
    const server = await startServer();
    try {
      const clients = await Promise.all(Array.from({ length: count }, () => AxisEventClient.withToken(server.url)));
      clients.forEach((c) => c.configure(['tns1:Device/tnsaxis:IO/Port']));
      await Promise.all(clients.map((c) => c.until(() => c.events.length >= 2, 10_000)));
      const sse: number[] = [];
      const stopSse = await sseLatencies(server.url, sse);
      for (let i = 0; i < edges; i++) {
        await fetch(`${server.url}/api/v1/sim/inputs/1`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ level: i % 2 === 0 ? 1 : 0 }) });
      }
      await Promise.all(clients.map((c) => c.until(() => c.events.length >= 2 + edges, 10_000)));
      const ws: number[] = [];
      for (const c of clients) for (const e of c.events.slice(2)) ws.push(c.receivedAt(e) - e.timestamp);
      rows.push({ clients: count, wsP50: percentile(ws, 50), wsP99: percentile(ws, 99), sseP50: percentile(sse, 50), sseP99: percentile(sse, 99) });
      stopSse();
      clients.forEach((c) => c.close());
    } finally {
      await server.stop();
    }
  }
  return rows;
}
