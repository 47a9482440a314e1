import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fakeScript, formatEvent, parseArgs, TOOLS, WITH_VALUE, type Tool } from './fake-gpio-cli.ts';

// Fakes of libgpiod 1.6's gpiofind, gpioget, gpiomon, gpioset and gpioinfo, for a machine with no
// /dev/gpiochip* and no configfs (so no gpio-sim). Each fake is a small executable that hands its
// argv to this harness over a Unix socket and prints what the harness answers; the harness plays
// the chips as the kernel would for the arguments the backend passes: the tools' output formats
// and messages (tools/*.c of libgpiod v1.6.x), exit codes, EBUSY for a line someone holds, a
// released output falling back, and gpiomon's stdout being block-buffered unless --line-buffered.

/** One run of a fake tool: its argv and, while it holds lines, which. */
export interface Session {
  tool: Tool;
  argv: string[];
  pid: number;
  socket: Socket;
  opts: Map<string, string>;
  chip?: FakeChip;
  offsets: number[];
  /** gpiomon without -b: stdio buffers a pipe in 4 KiB blocks, so nothing shows until one is full. */
  pending: string;
  done: boolean;
}

interface FakeLine {
  name: string | null;
  /** The level on the wire. */
  wire: 0 | 1;
  holder: Session | null;
  direction: 'input' | 'output';
}

interface FakeChip {
  name: string;
  lines: FakeLine[];
  present: boolean;
}

export interface FakeChipSpec {
  name: string;
  lines: number;
  /** Line names, as a device tree gives them (gpiofind finds these). */
  names?: Record<number, string>;
}

export class FakeGpioTools {
  /** Give this as the backend's `toolsDir`. */
  readonly dir: string;
  readonly #server: Server;
  readonly #chips: FakeChip[];
  readonly #sessions = new Set<Session>();
  readonly #calls: Array<{ tool: Tool; argv: string[] }> = [];
  /** 'realtime' plays a kernel older than 5.7, whose event stamps are CLOCK_REALTIME. */
  clock: 'monotonic' | 'realtime' = 'monotonic';

  private constructor(dir: string, server: Server, chips: FakeChip[]) {
    this.dir = dir;
    this.#server = server;
    this.#chips = chips;
  }

  static async create(chips: FakeChipSpec[]): Promise<FakeGpioTools> {
    const dir = mkdtempSync(join(tmpdir(), 'auxio-gpio-'));
    const socketPath = join(dir, 'harness.sock');
    const server = createServer();
    const fake = new FakeGpioTools(dir, server, chips.map((c) => ({
      name: c.name,
      present: true,
      lines: Array.from({ length: c.lines }, (_, i) => ({ name: c.names?.[i] ?? null, wire: 0, holder: null, direction: 'input' })),
    })));
    server.on('connection', (socket) => fake.#accept(socket));
    await new Promise<void>((resolve) => server.listen(socketPath, resolve));
    for (const tool of TOOLS) {
      const file = join(dir, tool);
      writeFileSync(file, fakeScript(tool, socketPath));
      chmodSync(file, 0o755);
    }
    return fake;
  }

  /** Puts a level on an input's wire; a gpiomon holding the line reports the edge. */
  setInput(chip: string, offset: number, level: 0 | 1, stampNs?: bigint): void {
    const line = this.#line(chip, offset);
    if (line.wire === level) return;
    line.wire = level;
    const mon = line.holder;
    if (mon?.tool !== 'gpiomon') return;
    const rising = (mon.opts.has('l') ? 1 - level : level) === 1;
    if ((mon.opts.has('r') && !mon.opts.has('f') && !rising) || (mon.opts.has('f') && !mon.opts.has('r') && rising)) return;
    const ns = stampNs ?? (this.clock === 'realtime' ? BigInt(Date.now()) * 1_000_000n : process.hrtime.bigint());
    this.#print(mon, formatEvent(mon.opts.get('F'), rising, offset, ns));
  }

  /** The level on a line's wire (an output: what gpioset drives; 0 once released). */
  wire(chip: string, offset: number): 0 | 1 {
    return this.#line(chip, offset).wire;
  }

  /** Every tool run so far, in order. */
  calls(): Array<{ tool: string; argv: string[] }> {
    return [...this.#calls];
  }

  /** Tool processes alive now, with the lines they hold. */
  running(): Array<{ tool: string; pid: number; lines: string[] }> {
    return [...this.#sessions].map((s) => ({ tool: s.tool, pid: s.pid, lines: s.offsets.map((o) => `${s.chip?.name} ${o}`) }));
  }

  /** Kills every live process of `tool` (e.g. an OOM kill of gpiomon). */
  kill(tool: string, signal: NodeJS.Signals = 'SIGKILL'): number {
    const victims = [...this.#sessions].filter((s) => s.tool === tool);
    for (const s of victims) process.kill(s.pid, signal);
    return victims.length;
  }

  /** The chip goes away (a USB GPIO expander unplugged): gpiomon fails, tools cannot open it. */
  removeChip(chip: string): void {
    const c = this.#chip(chip)!;
    c.present = false;
    for (const s of this.#sessions) if (s.chip === c && s.tool === 'gpiomon') this.#exit(s, 1, 'gpiomon: error waiting for events: No such device\n');
    // A gpioset keeps running on a dead chip (it waits on stdin, not on the line): it just holds nothing.
    for (const line of c.lines) Object.assign(line, { holder: null, wire: 0, direction: 'input' });
  }

  restoreChip(chip: string): void {
    this.#chip(chip)!.present = true;
  }

  async close(): Promise<void> {
    for (const s of this.#sessions) s.socket.destroy();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
    rmSync(this.dir, { recursive: true, force: true });
  }

  #accept(socket: Socket): void {
    let buffer = '';
    let session: Session | null = null;
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      for (let i = buffer.indexOf('\n'); i >= 0; i = buffer.indexOf('\n')) {
        const message = JSON.parse(buffer.slice(0, i)) as { tool?: Tool; argv?: string[]; pid?: number; stdin?: string; stdinEnd?: true; signal?: string };
        buffer = buffer.slice(i + 1);
        if (!session) {
          session = { tool: message.tool!, argv: message.argv!, pid: message.pid!, socket, opts: new Map(), offsets: [], pending: '', done: false };
          this.#sessions.add(session);
          this.#calls.push({ tool: session.tool, argv: session.argv });
          this.#run(session);
        } else this.#input(session, message);
      }
    });
    // The process ended (or was killed): the kernel releases whatever it held.
    socket.on('close', () => session && this.#release(session));
    socket.on('error', () => {});
  }

  #run(s: Session): void {
    const args = parseArgs(s, WITH_VALUE[s.tool]);
    if (!args) return;
    ({ gpiofind: () => this.#find(s, args), gpioget: () => this.#get(s, args), gpiomon: () => this.#mon(s, args), gpioset: () => this.#set(s, args), gpioinfo: () => this.#info(s, args) })[s.tool]();
  }

  #find(s: Session, [name]: string[]): void {
    for (const chip of this.#chips.filter((c) => c.present)) {
      const offset = chip.lines.findIndex((l) => l.name === name);
      if (offset >= 0) return this.#exit(s, 0, '', `${chip.name} ${offset}\n`);
    }
    this.#exit(s, 1);
  }

  #get(s: Session, [chipName, ...offsets]: string[]): void {
    const lines = this.#request(s, chipName!, offsets, 'error reading GPIO values');
    if (!lines) return;
    const values = lines.map((l) => (s.opts.has('l') ? 1 - l.wire : l.wire));
    this.#exit(s, 0, '', `${values.join(' ')}\n`);
  }

  #mon(s: Session, [chipName, ...offsets]: string[]): void {
    if (!this.#chip(chipName!)?.present) return this.#exit(s, 1, `gpiomon: unable to open ${chipName}: No such file or directory\n`);
    const lines = this.#request(s, chipName!, offsets, 'unable to request GPIO lines for events');
    if (lines) this.#hold(s, lines, 'input');
  }

  #set(s: Session, [chipName, ...pairs]: string[]): void {
    const parsed = pairs.map((p) => /^(\d+)=([01])$/.exec(p));
    const bad = pairs.find((_, i) => !parsed[i]);
    if (bad !== undefined || pairs.length === 0) return this.#exit(s, 1, `gpioset: invalid offset<->value mapping: ${bad ?? ''}\n`);
    const lines = this.#request(s, chipName!, parsed.map((m) => m![1]!), 'error setting the GPIO line values');
    if (!lines) return;
    this.#hold(s, lines, 'output');
    lines.forEach((l, i) => (l.wire = (Number(parsed[i]![2]) ^ (s.opts.has('l') ? 1 : 0)) as 0 | 1));
    const mode = s.opts.get('m') ?? 'exit';
    // exit: set and release at once (the line falls back); wait: until a newline or EOF on stdin;
    // signal: until SIGTERM/SIGINT; time: for --sec/--usec.
    if (mode === 'exit') this.#exit(s, 0);
    else if (mode === 'time') setTimeout(() => this.#exit(s, 0), Number(s.opts.get('s') ?? 0) * 1000 + Number(s.opts.get('u') ?? 0) / 1000);
  }

  #info(s: Session, [chipName]: string[]): void {
    const chip = this.#chip(chipName!);
    if (!chip?.present) return this.#exit(s, 1, `gpioinfo: looking up chip ${chipName}: No such file or directory\n`);
    const rows = chip.lines.map((l, i) => {
      const name = l.name ? `"${l.name}"` : 'unnamed';
      const consumer = l.holder ? `"${l.holder.tool}"` : 'unused';
      const active = l.holder?.opts.has('l') ? 'active-low' : 'active-high';
      return `\tline ${String(i).padStart(3)}: ${name.padStart(12)} ${consumer.padStart(12)} ${l.direction.padStart(7)} ${active}${l.holder ? ' [used]' : ''}\n`;
    });
    this.#exit(s, 0, '', `${chip.name} - ${chip.lines.length} lines:\n${rows.join('')}`);
  }

  /** The kernel's side of a line request: the chip must exist, the offsets be valid and free. */
  #request(s: Session, chipName: string, offsets: string[], what: string): FakeLine[] | null {
    const chip = this.#chip(chipName);
    const fail = (why: string): null => (this.#exit(s, 1, `${s.tool}: ${what}: ${why}\n`), null);
    if (!chip?.present) return fail('No such file or directory');
    const bad = offsets.find((o) => !/^\d+$/.test(o));
    if (bad !== undefined || offsets.length === 0) return (this.#exit(s, 1, `${s.tool}: invalid GPIO offset: ${bad ?? ''}\n`), null);
    const lines = offsets.map((o) => chip.lines[Number(o)]);
    if (lines.some((l) => !l)) return fail('Invalid argument');
    if (lines.some((l) => l!.holder)) return fail('Device or resource busy');
    s.chip = chip;
    s.offsets = offsets.map(Number);
    return lines as FakeLine[];
  }

  #hold(s: Session, lines: FakeLine[], direction: 'input' | 'output'): void {
    for (const line of lines) Object.assign(line, { holder: s, direction });
  }

  #input(s: Session, message: { stdin?: string; stdinEnd?: true; signal?: string }): void {
    const mode = s.tool === 'gpioset' ? s.opts.get('m') ?? 'exit' : null;
    if (mode === 'wait' && (message.stdinEnd || message.stdin?.includes('\n'))) this.#exit(s, 0);
    if (message.signal && (s.tool === 'gpiomon' || mode === 'signal')) this.#exit(s, 0);
    else if (message.signal) this.#send(s, { kill: message.signal });
  }

  #print(s: Session, text: string): void {
    if (s.opts.has('b')) return this.#send(s, { out: text });
    s.pending += text;
    if (s.pending.length < 4096) return;
    this.#send(s, { out: s.pending.slice(0, 4096) });
    s.pending = s.pending.slice(4096);
  }

  #exit(s: Session, code: number, err = '', out = ''): void {
    if (s.done) return;
    s.done = true;
    this.#release(s);
    this.#send(s, { out: s.pending + out, err, exit: code });
  }

  #send(s: Session, message: object): void {
    if (!s.socket.destroyed) s.socket.write(`${JSON.stringify(message)}\n`);
  }

  #release(s: Session): void {
    this.#sessions.delete(s);
    for (const chip of this.#chips) {
      for (const line of chip.lines) {
        if (line.holder !== s) continue;
        // A released output is undefined on real hardware; here it falls to 0, so a test sees it.
        Object.assign(line, { holder: null }, line.direction === 'output' ? { wire: 0 } : {});
      }
    }
  }

  #chip(name: string): FakeChip | undefined {
    // chip_open_lookup: a name, a number or a /dev path.
    return this.#chips.find((c) => c.name === name || `/dev/${c.name}` === name || c.name === `gpiochip${name}`);
  }

  #line(chip: string, offset: number): FakeLine {
    const line = this.#chip(chip)?.lines[offset];
    if (!line) throw new RangeError(`no line ${chip} ${offset}`);
    return line;
  }
}
