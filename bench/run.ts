// npm run bench: every figure next to a baseline measured in this same run, printed as a table.
import { startServer } from '../test/support/server.ts';
import { startBaseline } from './baseline.ts';
import { basicHeader, digestHeaders, load } from './load.ts';
import { measureEdges } from './edges.ts';
import { measureRelayLatency } from './relay-latency.ts';
import { measureStartup, type StartupRow } from './startup.ts';
import { measureStreamLatency } from './stream-latency.ts';
import { measureSnapshots } from './snapshots.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = 10;

const rows: Array<[string, string, string]> = [];
const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');

async function httpBench(): Promise<void> {
  const baseline = await startBaseline('node');
  const auxio = await startServer();
  try {
    const base = await load({ url: baseline.url, connections: CONNECTIONS, seconds: SECONDS });
    rows.push(['bare node:http hello (baseline)', `${fmt(base.rps)} req/s`, '1.00']);
    const inputUrl = `${auxio.url}/io/input.txt`;
    const input = await load({ url: inputUrl, connections: CONNECTIONS, seconds: SECONDS, headers: await digestHeaders(inputUrl, 'root', 'pass') });
    check('input.txt', input);
    rows.push(['/io/input.txt, Digest MD5', `${fmt(input.rps)} req/s (p99 ${input.p99Ms} ms)`, (input.rps / base.rps).toFixed(2)]);
    const basic = basicHeader('root', 'pass');
    const relay = await load({ url: `${auxio.url}/io/relayon.txt`, connections: CONNECTIONS, seconds: SECONDS, headers: () => basic });
    check('relayon.txt', relay);
    rows.push(['/io/relayon.txt, Basic', `${fmt(relay.rps)} req/s (p99 ${relay.p99Ms} ms)`, (relay.rps / base.rps).toFixed(2)]);
  } finally {
    await baseline.stop();
    await auxio.stop();
  }
}

function check(what: string, r: { errors: number; non2xx: number }): void {
  if (r.errors || r.non2xx) console.error(`warning: ${what}: ${r.errors} errors, ${r.non2xx} non-2xx answers`);
}

async function edgeBench(): Promise<void> {
  const r = await measureEdges(20_000);
  rows.push(['raw SQLite autocommit inserts (baseline)', `${fmt(r.rawInsertsPerSecond)} /s`, '1.00']);
  rows.push([`simulated edges counted by the hub (lost: ${r.lost})`, `${fmt(r.edgesPerSecond)} edges/s`, (r.edgesPerSecond / r.rawInsertsPerSecond).toFixed(2)]);
}

async function snapshotBench(): Promise<void> {
  const r = await measureSnapshots();
  const ms = (n: number): string => `${n.toFixed(1)} ms`;
  rows.push(['edge → JPEG on disk, synthetic 640x480 (p50 / p99)', `${ms(r.edgeToDiskP50)} / ${ms(r.edgeToDiskP99)}`, '']);
  rows.push(['edge → JPEG on disk, from the pre-trigger buffer (p50 / p99)', `${ms(r.bufferedP50)} / ${ms(r.bufferedP99)}`, (r.bufferedP50 / r.edgeToDiskP50).toFixed(2)]);
  rows.push(['snapshots taken and stored, one after another', `${r.snapshotsPerSecond.toFixed(1)} /s`, '']);
  rows.push(['ffmpeg encoding 640x480 frames to JPEG (baseline)', `${ms(r.ffmpegEncodeMs)} per frame`, '1.00']);
  rows.push(['auxio encoding 640x480 to JPEG (sharp)', `${ms(r.encodeMs)} per frame`, (r.encodeMs / r.ffmpegEncodeMs).toFixed(2)]);
}

async function relayBench(): Promise<void> {
  const r = await measureRelayLatency(200);
  const pair = ([p50, p99]: [number, number]): string => `p50 ${p50} ms, p99 ${p99} ms`;
  rows.push(['edge → its own SSE frame (baseline)', pair(r.edgeSse), '1.00']);
  rows.push(['edge → relay switched, script `/I1 : relay -on;` (journal times)', pair(r.journal), '']);
  rows.push(['edge → relay switched, seen by an SSE client', pair(r.sse), (r.sse[1] / Math.max(1, r.edgeSse[1])).toFixed(2)]);
}

async function startupBench(): Promise<void> {
  const r = new Map((await measureStartup(5)).map((row) => [row.what, row]));
  const labels: Array<[StartupRow['what'], string]> = [
    ['node', 'bare node:http hello, plain node (baseline)'],
    ['tsx', 'bare node:http hello, node --import tsx'],
    ['auxio-fresh', 'auxio serve, empty data dir'],
    ['auxio-restart', 'auxio serve, restart on its data dir'],
  ];
  const node = r.get('node')!;
  const tsx = r.get('tsx')!;
  // auxio runs through tsx too, so its figures are also given against the tsx hello.
  const vsTsx = (what: string, n: number, t: number): string => (what.startsWith('auxio') ? ` (${(n / t).toFixed(2)}× the tsx hello)` : '');
  for (const [what, label] of labels) {
    const { startMs } = r.get(what)!;
    rows.push([`start-up to listening: ${label}`, `${fmt(startMs)} ms${vsTsx(what, startMs, tsx.startMs)}`, (startMs / node.startMs).toFixed(2)]);
  }
  for (const [what, label] of labels) {
    const { idleRssMb } = r.get(what)!;
    rows.push([`idle RSS: ${label}`, `${idleRssMb.toFixed(1)} MB${vsTsx(what, idleRssMb, tsx.idleRssMb)}`, (idleRssMb / node.idleRssMb).toFixed(2)]);
  }
}

async function streamBench(): Promise<void> {
  for (const r of await measureStreamLatency([1, 10, 100], 200)) {
    rows.push([
      `edge → Axis WebSocket notification, ${r.clients} client(s) (SSE same edges)`,
      `p50 ${r.wsP50} ms, p99 ${r.wsP99} ms (SSE p50 ${r.sseP50}, p99 ${r.sseP99})`,
      (r.wsP99 / Math.max(1, r.sseP99)).toFixed(2),
    ]);
  }
}

await startupBench();
await httpBench();
await edgeBench();
await relayBench();
await snapshotBench();
await streamBench();
const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i]!.length), ['what', 'measured', 'ratio'][i]!.length));
const line = (cells: string[]): string => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
console.log(`auxio bench: ${CONNECTIONS} connections, ${SECONDS} s per HTTP run, node ${process.version}`);
console.log(line(['what', 'measured', 'ratio']));
console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
for (const row of rows) console.log(line(row));
