// The real app, in process, for the HTTP fuzz: requests go through light-my-request (nothing on the
// network), and the rig sees what a request did: its answer and time, the journal entries, relay
// and input states, the script, the files in the data dir, error log lines and uncaught errors.
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import inject, { type DispatchFunc } from 'light-my-request';
import { pino } from 'pino';
import { createApp, type App } from '../../src/app.ts';
import { validateConfig } from '../../src/config/index.ts';
import type { JournalKind } from '../../src/journal/index.ts';
import type { FuzzRequest } from './http-requests.ts';

/** Past this a request counts as hung: far above any answer auxio gives (a wrong password costs ~40 ms). */
export const ANSWER_WITHIN_MS = 5000;

export interface FuzzResponse {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: Buffer;
  ms: number;
}

/** What the rig compares before and after a request. */
export interface StateSnapshot {
  lastSeq: number;
  channels: string;
  script: string;
  files: string;
}

const KEEPER = 'fuzz-keeper';

/** The app and what it saw; one per fuzz target. */
export class FuzzRig {
  readonly app: App;
  readonly dataDir: string;
  /** Every path fastify routes, as it lists them (`/api/v1/outputs/:n`), and the WebSocket path. */
  readonly routes: readonly string[];
  readonly #errorLines: string[];
  readonly #uncaught: string[] = [];
  readonly #keeperLogin: string;
  /** fastify's handler of node's `request` event: what `fastify.inject` dispatches to. */
  readonly #handler: DispatchFunc;
  #nextAddress = 1;
  readonly #onUncaught = (err: unknown) => this.#uncaught.push(err instanceof Error ? (err.stack ?? err.message) : String(err));

  private constructor(app: App, dataDir: string, errorLines: string[], keeperPassword: string) {
    this.app = app;
    this.dataDir = dataDir;
    this.#errorLines = errorLines;
    this.#keeperLogin = `Basic ${Buffer.from(`${KEEPER}:${keeperPassword}`).toString('base64')}`;
    this.#handler = app.http.server.listeners('request')[0] as DispatchFunc;
    this.routes = [...routePaths(app.http.printRoutes({ commonPrefix: false })), '/vapix/ws-data-stream'];
  }

  /** Starts auxio on a fresh data dir (in memory where there is a tmpfs) with a spare admin. */
  static async start(): Promise<FuzzRig> {
    const dataDir = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'auxio-fuzz-http-'));
    const errorLines: string[] = [];
    const logger = pino({ level: 'error' }, { write: (line: string) => void errorLines.push(line) });
    const app = await createApp({ config: validateConfig({ data_dir: dataDir, http: { host: '127.0.0.1', port: 0 } }), logger });
    await app.start();
    const password = `keeper-${Math.random().toString(36).slice(2)}`;
    const rig = new FuzzRig(app, dataDir, errorLines, password);
    process.on('uncaughtException', rig.#onUncaught);
    process.on('unhandledRejection', rig.#onUncaught);
    const made = await rig.#as('root:pass', 'PUT', `/api/v1/users/${KEEPER}`, { password, role: 'admin' });
    if (made !== 201) throw new Error(`could not make the spare admin: ${made}`);
    return rig;
  }

  async stop(): Promise<void> {
    process.off('uncaughtException', this.#onUncaught);
    process.off('unhandledRejection', this.#onUncaught);
    await this.app.stop();
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  /** Sends one request from its own loopback address (so no case inherits another's login throttle). */
  async send(request: FuzzRequest): Promise<FuzzResponse | 'timeout'> {
    const n = this.#nextAddress++;
    const remoteAddress = `127.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
    const started = performance.now();
    const answer = this.#receive(request, remoteAddress, started);
    const timer = sleep(ANSWER_WITHIN_MS * 2, 'timeout' as const, { ref: false });
    return Promise.race([answer, timer]);
  }

  async #receive(request: FuzzRequest, remoteAddress: string, started: number): Promise<FuzzResponse> {
    // fastify.inject would resolve `..` and `\` in the URL as a browser does; node's parser hands the
    // request-target over as sent, so the rig sets it on the request itself.
    const dispatch: DispatchFunc = (req, res) => {
      req.url = request.url;
      this.#handler(req, res);
    };
    const res = await inject(dispatch, {
      method: request.method as 'GET',
      url: '/',
      headers: request.headers,
      ...(request.payload !== undefined ? { payload: request.payload } : {}),
      remoteAddress,
      // The event stream never ends: take its first frame, then hang up as a browser would.
      payloadAsStream: true,
    });
    const stream = res.stream();
    const chunks: Buffer[] = [];
    if (String(res.headers['content-type']).startsWith('text/event-stream')) {
      const first = await Promise.race([new Promise<Buffer>((resolve) => stream.once('data', resolve)), sleep(ANSWER_WITHIN_MS, Buffer.alloc(0))]);
      chunks.push(first);
      res.raw.res.req.emit('close');
      stream.resume();
    } else {
      for await (const chunk of stream) chunks.push(chunk as Buffer);
    }
    return { status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks), ms: performance.now() - started };
  }

  snapshot(): StateSnapshot {
    const channels = JSON.stringify([this.app.hub.inputs().map(({ level, pulses, name, invert }) => ({ level, pulses, name, invert })), this.app.hub.outputs()]);
    return { lastSeq: this.app.journal.lastSeq(), channels, script: this.app.engine.text(), files: listFiles(this.dataDir).join('\n') };
  }

  /** What changed since `before`, apart from journal entries of the `allowed` kinds. */
  changesSince(before: StateSnapshot, allowed: readonly JournalKind[]): string[] {
    const after = this.snapshot();
    const changes: string[] = [];
    for (const e of this.app.journal.query({ since: before.lastSeq, limit: 100 })) {
      if (!allowed.includes(e.kind)) changes.push(`journal ${e.kind} ${JSON.stringify(e.data)} by ${e.actor}`);
    }
    if (after.channels !== before.channels) changes.push(`channels ${before.channels} -> ${after.channels}`);
    if (after.script !== before.script) changes.push('the script');
    if (after.files !== before.files) changes.push(`data dir files ${JSON.stringify(before.files)} -> ${JSON.stringify(after.files)}`);
    return changes;
  }

  /** Journal entries since `before` with a raw CR, LF or NUL in any text: only a request can have put it there. */
  rawBreaksSince(before: StateSnapshot): string[] {
    return this.app.journal
      .query({ since: before.lastSeq, limit: 100 })
      .filter((e) => textsOf([e.actor, e.data]).some((t) => /[\r\n\0]/.test(t)))
      .map((e) => `journal ${e.kind} entry with a raw line break or NUL: ${JSON.stringify(e.data)}`);
  }

  /** Error log lines and uncaught errors since the last call. */
  takeProblems(): string[] {
    return [...this.#errorLines.splice(0), ...this.#uncaught.splice(0).map((e) => `uncaught: ${e}`)];
  }

  /**
   * After a request with a valid login succeeded: stop what it may have left running (a pulse, a
   * VAPIX sequence, a script), and give root back its factory login, so the next case starts quiet.
   */
  async quiesce(since: StateSnapshot): Promise<void> {
    const { engine, hub, journal } = this.app;
    if (engine.text() !== '') await engine.replace('', 'fuzz-reset');
    await Promise.race([engine.idle(), sleep(ANSWER_WITHIN_MS)]);
    // An output entry from anyone but VAPIX cancels a VAPIX sequence; switching also ends a pulse.
    for (const { index } of hub.outputs()) {
      await hub.setOutput(index, true, 'fuzz-reset');
      await hub.setOutput(index, false, 'fuzz-reset');
    }
    if (journal.query({ since: since.lastSeq, kind: 'user', limit: 1 }).length > 0) {
      const status = await this.#as(this.#keeperLogin, 'PUT', '/api/v1/users/root', { password: 'pass', role: 'admin' });
      if (status !== 200 && status !== 201) throw new Error(`could not restore root: ${status}`);
    }
    this.takeProblems();
  }

  async #as(login: string, method: 'PUT', url: string, body: object): Promise<number> {
    const authorization = login.startsWith('Basic ') ? login : `Basic ${Buffer.from(login).toString('base64')}`;
    const res = await this.app.http.inject({ method, url, headers: { authorization, 'content-type': 'application/json' }, payload: body, remoteAddress: '127.0.0.1' });
    return res.statusCode;
  }
}

/** Paths from fastify's route tree (`printRoutes({ commonPrefix: false })`), each once. */
export function routePaths(tree: string): string[] {
  const stack: string[] = [];
  const paths = new Set<string>();
  for (const line of tree.split('\n')) {
    const m = /^([│ ]*)[└├]── (\S+)/.exec(line);
    if (!m) continue;
    const depth = m[1]!.length / 4;
    const label = m[2]!;
    stack.length = depth;
    const parent = stack[depth - 1] ?? '';
    const full = depth === 0 ? label : `${parent === '/' ? '/' : parent}${label}`;
    stack.push(full);
    paths.add(full.startsWith('/') ? full : `/${full}`);
  }
  return [...paths];
}

function textsOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return value !== null && typeof value === 'object' ? Object.values(value).flatMap(textsOf) : [];
}

function listFiles(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? listFiles(join(dir, entry.name), `${prefix}${entry.name}/`) : [`${prefix}${entry.name}`]))
    .sort();
}
