import { percentile } from '../stats.ts';
import type { Check, SoakResult } from './checks.ts';
import type { PollerStats } from './pollers.ts';

const int = (n: number): string => Math.round(n).toLocaleString('en-US');
const ms = (n: number): string => `${n.toFixed(1)} ms`;
const mb = (n: number): string => `${n.toFixed(1)} MB`;
const pair = (counts: [number, number] | undefined): string => `${int(counts?.[0] ?? 0)}↑ ${int(counts?.[1] ?? 0)}↓`;

/** Latency line for every poller of one path together. */
function latencyLine(path: string, pollers: PollerStats[]): string {
  const mine = pollers.filter((p) => p.path === path);
  const all = mine.flatMap((p) => p.latencies);
  const reads = mine.reduce((a, p) => a + p.reads, 0);
  const errors = mine.reduce((a, p) => a + p.errors, 0);
  return `${path}: ${int(reads)} reads by ${mine.length} pollers, latency p50 ${ms(percentile(all, 50))}, p99 ${ms(percentile(all, 99))}, max ${ms(Math.max(...all))}; errors ${errors}`;
}

/** The soak's report: what ran, what every channel carried, RSS, and each check. */
export function formatReport(r: SoakResult, checks: Check[]): string {
  const lines: string[] = [];
  const journaled = [...r.journal.inputs.values()].reduce((a, [up, down]) => a + up + down, 0);
  lines.push(`edges: simulated ${int(r.driver.edges)} (${int(r.driver.edges / r.seconds)}/s over ${r.seconds.toFixed(0)} s, ${int(r.driver.requests)} sim API chunks), journaled ${int(journaled)}: ${r.inputs.map((n) => `input${n} ${pair(r.journal.inputs.get(`input${n}`))}`).join(', ')}`);
  lines.push(`input.txt pulses summed over all reads: ${r.inputs.map((n) => `input${n} ${int(r.inputTxtSum.get(n) ?? 0)}`).join(', ')}; /api/v1/io totals ${r.inputs.map((n) => `input${n} ${int(r.totalsBefore.get(n) ?? 0)} → ${int(r.totalsAfter.get(n) ?? 0)}`).join(', ')}`);
  for (const path of [...new Set(r.pollers.map((p) => p.path))]) lines.push(latencyLine(path, r.pollers));
  for (const s of r.sse) {
    lines.push(`SSE ${s.name}: ${int(s.entries)} entries to seq ${s.lastSeq}, ${r.inputs.map((n) => `input${n} ${pair(s.inputs.get(`input${n}`))}`).join(', ')}; missing ${s.missing}, repeated ${s.duplicates}, reconnects ${s.reconnects}${s.firstError ? ` (${s.firstError})` : ''}`);
  }
  const m = r.mqtt;
  lines.push(`MQTT: ${int(m.messages)} messages, events ${r.inputs.map((n) => `input${n} ${pair(m.events.get(n))}`).join(', ')}; out of order ${m.outOfOrder}, pulse totals ${r.inputs.map((n) => m.pulses.get(n) ?? '-').join('/')}, subscriber disconnects ${m.disconnects}, dropped by mosquitto ${m.brokerDropped}`);
  const v = r.rss;
  lines.push(`auxio RSS (${r.rssSamples} samples): start ${mb(v.startMb)}, end ${mb(v.endMb)}, max ${mb(v.maxMb)}; mean of the first window after warm-up ${mb(v.firstMeanMb)}, of the last ${mb(v.lastMeanMb)}; slope ${v.slopeMbPerMin >= 0 ? '+' : ''}${v.slopeMbPerMin.toFixed(2)} MB/min`);
  lines.push(`auxio log lines at warn or above: ${r.serverWarnings.length}`);
  for (const w of r.serverWarnings.slice(0, 5)) lines.push(`  ${w.slice(0, 300)}`);
  lines.push('checks:');
  for (const c of checks) lines.push(`  ${c.ok ? 'ok  ' : c.kind === 'note' ? 'note' : 'FAIL'} ${c.what} (${c.detail})`);
  const failed = checks.filter((c) => !c.ok && c.kind !== 'note');
  lines.push(failed.length ? `result: FAIL (${failed.map((c) => c.kind).join(', ')})` : 'result: PASS (no event lost, RSS flat)');
  return lines.join('\n');
}
