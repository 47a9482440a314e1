import { setTimeout as sleep } from 'node:timers/promises';
import type { SnapshotRecord } from '../snapshot/index.ts';
import type { ScriptCapabilities } from './capabilities.ts';
import type { Command, CommandName, RelayAction } from './script-types.ts';

/** One run of one entry, as its commands see it. */
export interface RunContext {
  entry: number;
  /** The journal seq of this run's `started` entry: ties every effect to its run. */
  run: number;
  /** `script:<entry>#<run>`: the actor of every relay change and picture of this run. */
  actor: string;
  /** What triggered the run, e.g. `entry 1: /I1`. */
  label: string;
  /** The last picture this run took: what `ftp`, `mail` and `alert` send. */
  lastSnapshot: SnapshotRecord | null;
  signal: AbortSignal;
}

type Handler<C extends Command> = (command: C, ctx: RunContext, caps: ScriptCapabilities) => Promise<void>;
type HandlerTable = { [K in CommandName]: Handler<Extract<Command, { name: K }>> };

function relay(action: RelayAction, output: number, ctx: RunContext, caps: ScriptCapabilities): Promise<unknown> {
  switch (action.kind) {
    case 'on':
      return caps.relay.setOutput(output, true, ctx.actor);
    case 'off':
      return caps.relay.setOutput(output, false, ctx.actor);
    case 'toggle':
      return caps.relay.toggleOutput(output, ctx.actor);
    case 'pulse':
      return caps.relay.pulseOutput(output, action.ms, ctx.actor);
  }
}

function upload(kind: 'ftp' | 'mail' | 'alert', target: string | undefined, text: string | undefined, ctx: RunContext, caps: ScriptCapabilities): Promise<void> {
  caps.uploads.enqueue({
    kind,
    ...(target !== undefined ? { target } : {}),
    ...(text !== undefined ? { text } : {}),
    record: ctx.lastSnapshot,
    label: ctx.label,
  });
  return Promise.resolve();
}

/** What each script command does: one handler per command, dispatched by name. */
const handlers: HandlerTable = {
  async snapshot(c, ctx, caps) {
    // The lamp first, then the picture: `snapshot -relay on` lights what it photographs.
    if (c.relay) await caps.relay.setOutput(1, c.relay === 'on', ctx.actor);
    const label = c.label ?? ctx.label;
    ctx.lastSnapshot = await caps.snapshots.take({ ...(c.source ? { source: c.source } : {}), label, actor: ctx.actor });
  },
  relay: (c, ctx, caps) => relay(c.action, c.output, ctx, caps).then(() => {}),
  async sleep(c, ctx) {
    await sleep(c.seconds * 1000, undefined, { signal: ctx.signal });
  },
  async log(c, ctx, caps) {
    caps.journal.append({ kind: 'log', actor: ctx.actor, data: { text: c.text } });
  },
  ftp: (c, ctx, caps) => upload('ftp', c.target, c.label, ctx, caps),
  mail: (c, ctx, caps) => upload('mail', c.target, c.subject, ctx, caps),
  alert: (c, ctx, caps) => upload('alert', c.target, c.message, ctx, caps),
  buffer_init: (c, _ctx, caps) =>
    caps.buffers.init({ ...(c.source ? { source: c.source } : {}), pre: c.pre, post: c.post, intervalMs: c.intervalMs }),
  async buffer_start(_c, ctx, caps) {
    const records = await caps.buffers.trigger(ctx.label, ctx.actor);
    ctx.lastSnapshot = records.at(-1) ?? ctx.lastSnapshot;
  },
  buffer_stop: (_c, _ctx, caps) => caps.buffers.stop(),
};

/** Runs one command. */
export function runCommand(command: Command, ctx: RunContext, caps: ScriptCapabilities): Promise<void> {
  return (handlers[command.name] as Handler<Command>)(command, ctx, caps);
}
