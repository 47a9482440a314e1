import { setTimeout as sleep } from 'node:timers/promises';
import { api } from '../test/support/api.ts';
import { startServer } from '../test/support/server.ts';
import { readEventStream, type StreamEntry } from './sse-events.ts';
import { percentile } from './stats.ts';

/** Edge → relay, three ways, p50 and p99 in ms. */
export interface RelayLatency {
  /** The input entry's journal time to the output entry's (written after the relay has switched). */
  journal: [number, number];
  /** The input entry's journal time to an SSE client receiving the relay's entry. */
  sse: [number, number];
  /** The same client receiving the input entry itself: the baseline the SSE figure is set against. */
  edgeSse: [number, number];
}

// One entry does both switches, so each rising edge yields exactly one on and one off.
const SCRIPT = '* * * * * /I1 :\nrelay -on;\nrelay -off;\n%\n';

const p50p99 = (values: number[]): [number, number] => [percentile(values, 50), percentile(values, 99)];

async function until(ok: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(1);
  }
}

/**
 * A real auxio running `* * * * * /I1 : relay -on; relay -off;`: `edges` rising edges through the
 * sim API, one at a time, each timed from the input's journal entry to the relay's.
 */
export async function measureRelayLatency(edges: number): Promise<RelayLatency> {
  const server = await startServer();
  try {
    const put = await api(server.url, '/api/v1/script', { method: 'PUT', body: { text: SCRIPT } });
    if (put.status !== 200) throw new Error(`PUT /api/v1/script answered ${put.status}: ${JSON.stringify(put.body)}`);
    const entries: StreamEntry[] = [];
    const close = await readEventStream(server.url, '', (e) => entries.push(e));
    const sim = (level: 0 | 1) => api(server.url, '/api/v1/sim/inputs/1', { method: 'POST', body: { level } });
    const journal: number[] = [];
    const sse: number[] = [];
    const edgeSse: number[] = [];
    for (let i = 0; i < edges; i++) {
      const from = entries.length;
      await sim(1);
      const mine = () => entries.slice(from);
      await until(() => mine().some((e) => e.kind === 'output' && e.data.active === false), 'the relay to go off again');
      const edge = mine().find((e) => e.kind === 'input' && e.data.level === 1)!;
      const on = mine().find((e) => e.kind === 'output' && e.data.active === true)!;
      const edgeAt = Date.parse(edge.time);
      journal.push(Date.parse(on.time) - edgeAt);
      sse.push(on.receivedAt - edgeAt);
      edgeSse.push(edge.receivedAt - edgeAt);
      await sim(0);
      await until(() => mine().some((e) => e.kind === 'input' && e.data.level === 0), 'the falling edge');
    }
    close();
    return { journal: p50p99(journal), sse: p50p99(sse), edgeSse: p50p99(edgeSse) };
  } finally {
    await server.stop();
  }
}
