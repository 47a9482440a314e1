// DESIGN.md lists the journal's retention: the oldest entries go past `journal.retention`, checked at
// start (and hourly); what they implied (pulse totals, relay state) stays, and seqs go on rising.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, type RunningServer } from '../support/server.ts';
import { api } from '../support/api.ts';

const CONFIG = { journal: { retention: { max_events: 1000 } }, io: { outputs: [{ startup: 'restore' }] } };
const servers: RunningServer[] = [];
after(async () => {
  for (const s of servers) await s.stop();
});

test('a restart prunes to max_events; totals, relay state and the seq count survive', async () => {
  const first = await startServer({ config: CONFIG });
  servers.push(first);
  assert.equal((await api(first.url, '/api/v1/outputs/1', { method: 'PUT', body: { active: true } })).status, 200);
  assert.equal((await api(first.url, '/api/v1/sim/inputs/1', { method: 'POST', body: { pulses: 800, highMs: 0, lowMs: 0 } })).status, 200);
  const { body: before } = await api(first.url, '/api/v1/status');
  assert.ok(before.lastSeq > 1600);
  await first.stop();

  const second = await startServer({ config: CONFIG, dataDir: first.dataDir });
  servers.push(second);
  const { body: page } = await api(second.url, '/api/v1/events?limit=1000');
  const { body: status } = await api(second.url, '/api/v1/status');
  assert.ok(status.lastSeq > before.lastSeq, 'seqs go on from where they were');
  assert.ok(page.events[0].seq > 500, `the oldest entries are gone (oldest now ${page.events[0].seq})`);
  assert.ok(status.lastSeq - page.events[0].seq < 1000 + 5, 'about max_events remain');
  assert.ok(second.logs.some((l) => l.msg === 'journal retention removed the oldest entries' && Number(l.count) > 500));
  const { body: io } = await api(second.url, '/api/v1/io');
  const input1 = io.channels.find((c: { id: string }) => c.id === 'input1');
  const relay = io.channels.find((c: { id: string }) => c.id === 'output1');
  assert.equal(input1.pulses, 800);
  assert.equal(relay.active, true);
});
