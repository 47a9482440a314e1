// npm run soak: auxio under steady load for SOAK_SECONDS (default 600): input.txt and /api/v1/io
// pollers, event-stream clients and an MQTT subscriber while 1,000 simulated edges a second go in.
// It fails only when an event is lost on a channel that promises it, or when RSS keeps growing.
import { rmSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { performance } from 'node:perf_hooks';
import { startBroker, type Broker } from '../test/support/mosquitto.ts';
import { mqttConfig } from '../test/support/mqtt-config.ts';
import { startServer, type RunningServer } from '../test/support/server.ts';
import { DigestClient } from '../test/support/digest-fetch.ts';
import { soakChecks, type SoakResult } from './soak/checks.ts';
import { EdgeDriver } from './soak/edge-driver.ts';
import { countJournalInputs } from './soak/journal-count.ts';
import { MqttCounter } from './soak/mqtt-counter.ts';
import { inputTxtPoller, ioPoller, type Poller } from './soak/pollers.ts';
import { formatReport } from './soak/report.ts';
import { readRssMb, rssVerdict, sampleRss, type RssSample } from './soak/rss.ts';
import { SseCounter } from './soak/sse-counter.ts';

const env = process.env;
const SECONDS = Number(env.SOAK_SECONDS ?? 600);
const EDGES_PER_SECOND = Number(env.SOAK_EDGES_PER_SECOND ?? 1000);
const POLL_MS = Number(env.SOAK_POLL_MS ?? 100);
const SAMPLE_MS = Number(env.SOAK_SAMPLE_MS ?? 5000);
const INPUTS = [1, 2];
const INPUT_TXT_POLLERS = 3;
const IO_POLLERS = 2;
const SSE_CLIENTS = 3;
// On a 10-minute run: a minute of warm-up, then the first minute against the last.
const WARMUP_S = Math.min(60, SECONDS / 5);
const WINDOW_S = Math.min(60, SECONDS / 5);
/** How long the channels get, after the last edge, to deliver what is in flight. */
const DRAIN_MS = 30_000;

interface Rig {
  server: RunningServer;
  client: DigestClient;
  mqtt: MqttCounter;
}

async function ioTotals(client: DigestClient): Promise<Map<number, number>> {
  const res = await client.request('/api/v1/io');
  const { channels } = JSON.parse(res.text) as { channels: Array<{ index: number; direction: string; pulses?: number }> };
  return new Map(channels.filter((c) => c.direction === 'input').map((c) => [c.index, c.pulses ?? 0]));
}

async function lastSeq(client: DigestClient): Promise<number> {
  return (JSON.parse((await client.request('/api/v1/status')).text) as { lastSeq: number }).lastSeq;
}

/** The journal's last seq once it has stopped moving. */
async function settledSeq(client: DigestClient): Promise<number> {
  for (let seq = -1; ; ) {
    await sleep(500);
    const now = await lastSeq(client);
    if (now === seq) return now;
    seq = now;
  }
}

function progress(started: number, driver: EdgeDriver, sse: SseCounter[], mqtt: MqttCounter, rss: RssSample[]): void {
  const s = (performance.now() - started) / 1000;
  const d = driver.stats();
  const mb = rss.at(-1)?.mb.toFixed(1) ?? '-';
  console.log(`[${s.toFixed(0)} s] edges ${d.edges} (${(d.edges / s).toFixed(0)}/s), RSS ${mb} MB, SSE at seq ${sse.map((c) => c.stats.lastSeq).join('/')}, MQTT at seq ${mqtt.stats.lastSeq}`);
}

/** Runs every load at once for SECONDS, lets in-flight events drain, and collects what each channel saw. */
async function soak(rig: Rig): Promise<SoakResult> {
  const { server, client, mqtt } = rig;
  await client.request('/io/input.txt'); // starts a fresh input.txt interval: every read after this counts
  const since = await lastSeq(client);
  const totalsBefore = await ioTotals(client);
  const inputTxtSum = new Map<number, number>();
  const pollers: Poller[] = [
    ...Array.from({ length: INPUT_TXT_POLLERS }, () => inputTxtPoller(server.url, POLL_MS, inputTxtSum)),
    ...Array.from({ length: IO_POLLERS }, () => ioPoller(server.url, POLL_MS)),
  ];
  const sse = Array.from({ length: SSE_CLIENTS }, (_, i) => new SseCounter(server.url, `client ${i + 1}`, since));
  const driver = new EdgeDriver(server.url, INPUTS, EDGES_PER_SECOND / 2);
  const samples: RssSample[] = [];
  const logsBefore = server.logs.length;
  sse.forEach((c) => c.start());
  pollers.forEach((p) => p.start());
  const sampler = sampleRss(server.process.pid!, SAMPLE_MS, samples);
  const started = performance.now();
  driver.start(totalsBefore);
  const ticker = setInterval(() => progress(started, driver, sse, mqtt, samples), Math.max(10_000, (SECONDS * 1000) / 10));
  await sleep(SECONDS * 1000);
  clearInterval(ticker);
  await driver.stop();
  await sampler.stop();
  const seconds = (performance.now() - started) / 1000;
  await Promise.all(pollers.map((p) => p.stop()));
  const finalSeq = await settledSeq(client);
  await Promise.all(sse.map((c) => c.reached(finalSeq, DRAIN_MS)));
  await pollers[0]!.readOnce(); // the last interval: the pulses since the pollers' final reads
  const journal = await countJournalInputs(client, since);
  const drainEnd = Date.now() + DRAIN_MS;
  while (mqtt.stats.lastSeq < journal.lastInputSeq && Date.now() < drainEnd) await sleep(50);
  await Promise.all(sse.map((c) => c.stop()));
  return {
    seconds,
    inputs: INPUTS,
    driver: driver.stats(),
    journal,
    totalsBefore,
    totalsAfter: await ioTotals(client),
    inputTxtSum,
    pollers: pollers.map((p) => p.stats),
    sse: sse.map((c) => c.stats),
    mqtt: mqtt.stats,
    rss: rssVerdict(samples, { warmupS: WARMUP_S, windowS: WINDOW_S, allowMb: 10, allowFraction: 0.1 }),
    rssSamples: samples.length,
    serverWarnings: server.logs.slice(logsBefore).filter((l) => Number(l.level) >= 40).map((l) => JSON.stringify(l)),
  };
}

async function waitOnline(mqtt: MqttCounter): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (mqtt.stats.availability !== 'online') {
    if (Date.now() > deadline) throw new Error('auxio never said online over MQTT');
    await sleep(50);
  }
}

async function main(): Promise<number> {
  let broker: Broker | undefined;
  let server: RunningServer | undefined;
  let mqtt: MqttCounter | undefined;
  try {
    // A subscriber that lags more than mosquitto's default 1,000 queued messages loses the rest to
    // the broker ($SYS .../dropped says so); the soak measures auxio, so the broker queues more.
    broker = await startBroker({ settings: ['max_queued_messages 100000', 'sys_interval 1'] });
    mqtt = await MqttCounter.connect(broker.url);
    server = await startServer({ config: mqttConfig(broker) });
    await waitOnline(mqtt);
    console.log(`auxio soak: ${SECONDS} s, ${EDGES_PER_SECOND} edges/s over inputs ${INPUTS.join(', ')} (sim API chunks every 100 ms), ` +
      `${INPUT_TXT_POLLERS} input.txt + ${IO_POLLERS} /api/v1/io Digest pollers every ${POLL_MS} ms, ${SSE_CLIENTS} SSE clients, ` +
      `1 MQTT subscriber (QoS 1); RSS every ${SAMPLE_MS / 1000} s, warm-up ${WARMUP_S} s, windows ${WINDOW_S} s; node ${process.version}, auxio pid ${server.process.pid}, idle RSS ${readRssMb(server.process.pid!).toFixed(1)} MB`);
    const result = await soak({ server, client: new DigestClient(server.url, 'root', 'pass'), mqtt });
    const checks = soakChecks(result);
    console.log(formatReport(result, checks));
    const brokerLog = broker.log().trim().split('\n').filter((l) => l && !/mosquitto version|Opening ipv|running|New connection|New client|disconnected|Client .* closed|should not be run as root/i.test(l));
    console.log(`mosquitto log lines beyond connects: ${brokerLog.length}${brokerLog.slice(0, 5).map((l) => `\n  ${l}`).join('')}`);
    return checks.some((c) => !c.ok && c.kind !== 'note') ? 1 : 0;
  } finally {
    await server?.stop();
    // Ten minutes at 1,000 edges/s leave a journal of some 150 MB.
    if (server) rmSync(server.dataDir, { recursive: true, force: true });
    await mqtt?.close();
    await broker?.close();
  }
}

process.exitCode = await main();
