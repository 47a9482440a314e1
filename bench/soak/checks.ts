import type { EdgeDriverStats } from './edge-driver.ts';
import type { JournalCounts } from './journal-count.ts';
import type { MqttStats } from './mqtt-counter.ts';
import type { PollerStats } from './pollers.ts';
import type { RssVerdict } from './rss.ts';
import type { SseStats } from './sse-counter.ts';

/** Everything one soak measured, for the checks and the report. */
export interface SoakResult {
  seconds: number;
  inputs: number[];
  driver: EdgeDriverStats;
  journal: JournalCounts;
  /** `/api/v1/io` pulse totals per input before the first edge and after the last. */
  totalsBefore: Map<number, number>;
  totalsAfter: Map<number, number>;
  /** input.txt `pulse:` values summed over every read of every poller. */
  inputTxtSum: Map<number, number>;
  pollers: PollerStats[];
  sse: SseStats[];
  mqtt: MqttStats;
  rss: RssVerdict;
  rssSamples: number;
  /** auxio's own log lines at warn level or above. */
  serverWarnings: string[];
}

/** One verdict; only `lost` and `rss` failures make the soak fail. */
export interface Check {
  kind: 'lost' | 'rss' | 'note';
  ok: boolean;
  what: string;
  detail: string;
}

const same = (what: string, detail: string, a: unknown, b: unknown): Check => ({ kind: 'lost', ok: a === b, what, detail: `${detail}: ${a} vs ${b}` });

/** The channel promises the README and DESIGN.md make, each as one check. */
export function soakChecks(r: SoakResult): Check[] {
  const checks: Check[] = [
    { kind: 'lost', ok: r.driver.errors === 0, what: 'every sim API chunk was played', detail: `${r.driver.errors} failed requests${r.driver.firstError ? ` (${r.driver.firstError})` : ''}` },
    same('the hub total after each chunk matched the pulses played', 'mismatches', r.driver.totalMismatches, 0),
  ];
  for (const n of r.inputs) checks.push(...inputChecks(r, n));
  for (const s of r.sse) {
    checks.push(same(`SSE ${s.name}: no seq skipped or repeated, up to the journal's last`, 'missing+repeated, last seq', `${s.missing + s.duplicates}, ${s.lastSeq}`, `0, ${r.journal.lastSeq}`));
  }
  checks.push(same('MQTT: event messages in seq order per input', 'out of order', r.mqtt.outOfOrder, 0));
  checks.push(same('MQTT: pulse totals never went backwards', 'backwards', r.mqtt.pulsesBackwards, 0));
  for (const path of new Set(r.pollers.map((p) => p.path))) checks.push(...pollerChecks(path, r.pollers.filter((p) => p.path === path)));
  checks.push({ kind: 'rss', ok: !r.rss.growing, what: 'RSS flat after warm-up', detail: `${r.rss.firstMeanMb.toFixed(1)} → ${r.rss.lastMeanMb.toFixed(1)} MB, ${r.rss.slopeMbPerMin.toFixed(2)} MB/min` });
  checks.push({ kind: 'note', ok: r.serverWarnings.length === 0, what: 'auxio logged no warning', detail: `${r.serverWarnings.length} lines` });
  return checks;
}

function inputChecks(r: SoakResult, n: number): Check[] {
  const pulses = r.driver.pulses.get(n) ?? 0;
  const [rises, falls] = r.journal.inputs.get(`input${n}`) ?? [0, 0];
  const mqtt = r.mqtt.events.get(n) ?? [0, 0];
  const checks = [
    same(`input${n}: journal rises and falls = edges simulated`, 'rises/falls vs pulses played', `${rises}/${falls}`, `${pulses}/${pulses}`),
    same(`input${n}: /api/v1/io total grew by the pulses played`, 'growth', (r.totalsAfter.get(n) ?? 0) - (r.totalsBefore.get(n) ?? 0), pulses),
    same(`input${n}: input.txt pulses summed over all reads = falls`, 'sum', r.inputTxtSum.get(n) ?? 0, falls),
    same(`input${n}: MQTT carried one event per journaled edge`, 'rising/falling', `${mqtt[0]}/${mqtt[1]}`, `${rises}/${falls}`),
    same(`input${n}: MQTT's last pulse total = the hub's`, 'total', r.mqtt.pulses.get(n), r.totalsAfter.get(n)),
  ];
  for (const s of r.sse) {
    const [up, down] = s.inputs.get(`input${n}`) ?? [0, 0];
    checks.push(same(`input${n}: SSE ${s.name} received every journaled edge`, 'rises/falls', `${up}/${down}`, `${rises}/${falls}`));
  }
  return checks;
}

function pollerChecks(path: string, pollers: PollerStats[]): Check[] {
  const sum = (k: 'violations' | 'errors'): number => pollers.reduce((a, p) => a + p[k], 0);
  const first = (k: 'firstViolation' | 'firstError'): string => pollers.map((p) => p[k]).find((x) => x) ?? '';
  return [
    { kind: 'lost', ok: sum('violations') === 0, what: `${path} answers kept their promise`, detail: `${sum('violations')} violations ${first('firstViolation')}`.trim() },
    { kind: 'note', ok: sum('errors') === 0, what: `${path} requests all answered 200`, detail: `${sum('errors')} errors ${first('firstError')}`.trim() },
  ];
}
