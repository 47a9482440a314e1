import type { Socket } from 'node:net';

// The command-line side of the fake libgpiod 1.6 tools (see fake-gpio-tools.ts): the executable
// each fake is, getopt as the tools parse it, and gpiomon's event formats.

export const TOOLS = ['gpiofind', 'gpioget', 'gpiomon', 'gpioset', 'gpioinfo'] as const;
export type Tool = (typeof TOOLS)[number];
/** Short options that take a value, per tool (getopt strings of 1.6). */
export const WITH_VALUE: Record<Tool, string> = { gpiofind: '', gpioget: 'B', gpiomon: 'BnF', gpioset: 'BDmsu', gpioinfo: '' };
const LONG: Record<string, string> = { 'active-low': 'l', bias: 'B', 'num-events': 'n', silent: 's', 'rising-edge': 'r', 'falling-edge': 'f', 'line-buffered': 'b', format: 'F', drive: 'D', mode: 'm', sec: 's', usec: 'u', background: 'b' };

/** What argument parsing needs of a fake tool's run. */
export interface CliSession {
  tool: Tool;
  argv: string[];
  socket: Socket;
  opts: Map<string, string>;
}

/** getopt_long as the tools call it: short and long options, `--x=v`, `--x v`, `-xv`, `-x v`. */
export function parseArgs(s: CliSession, withValue: string): string[] | null {
  const positional: string[] = [];
  for (let i = 0; i < s.argv.length; i++) {
    const arg = s.argv[i]!;
    let key: string | undefined;
    let value: string | undefined;
    if (arg.startsWith('--')) {
      const [name, inline] = arg.slice(2).split(/=(.*)/s);
      key = LONG[name!];
      value = inline;
    } else if (arg.startsWith('-') && arg.length > 1) {
      key = arg[1];
      value = arg.length > 2 ? arg.slice(2) : undefined;
    } else {
      positional.push(arg);
      continue;
    }
    if (!key || !(withValue.includes(key) || 'lsrfb'.includes(key))) return fail(s, `${s.tool}: unrecognized option '${arg}'\n${s.tool}: try ${s.tool} --help\n`);
    if (withValue.includes(key)) value ??= s.argv[++i];
    if (key === 'B' && !['as-is', 'disable', 'pull-down', 'pull-up'].includes(value ?? '')) return fail(s, `${s.tool}: invalid bias: ${value}\n`);
    s.opts.set(key, value ?? '');
  }
  if (s.tool !== 'gpioinfo' && positional.length < (s.tool === 'gpiofind' ? 1 : 2)) return fail(s, `${s.tool}: at least one GPIO line offset must be specified\n`);
  return positional;
}

function fail(s: CliSession, err: string): null {
  s.socket.write(`${JSON.stringify({ err, exit: 1 })}\n`);
  return null;
}

/** gpiomon 1.6: the custom format with %o %e %s %n %% (a newline added), or its human-readable line. */
export function formatEvent(format: string | undefined, rising: boolean, offset: number, ns: bigint): string {
  const sec = ns / 1_000_000_000n;
  const nsec = ns % 1_000_000_000n;
  if (format === undefined) {
    return `event: ${rising ? ' RISING EDGE' : 'FALLING EDGE'} offset: ${offset} timestamp: [${String(sec).padStart(8)}.${String(nsec).padStart(9, '0')}]\n`;
  }
  const subs: Record<string, string> = { o: String(offset), e: rising ? '1' : '0', s: String(sec), n: String(nsec), '%': '%' };
  return `${format.replace(/%(.?)/gs, (all, c: string) => (c === '' ? '%' : subs[c] ?? all))}\n`;
}

/** The executable: argv to the harness, the harness's answer to stdout, stderr and the exit code. */
export function fakeScript(tool: Tool, socketPath: string): string {
  return `#!${process.execPath}
'use strict';
// Fake libgpiod 1.6 ${tool} for auxio's tests: the harness in test/support/fake-gpio-tools.ts answers.
const sock = require('node:net').connect(${JSON.stringify(socketPath)});
const send = (m) => sock.write(JSON.stringify(m) + '\\n');
send({ tool: ${JSON.stringify(tool)}, argv: process.argv.slice(2), pid: process.pid });
let buf = '';
sock.setEncoding('utf8');
sock.on('data', (d) => {
  buf += d;
  for (let i = buf.indexOf('\\n'); i >= 0; i = buf.indexOf('\\n')) {
    const m = JSON.parse(buf.slice(0, i));
    buf = buf.slice(i + 1);
    if (m.out) process.stdout.write(m.out);
    if (m.err) process.stderr.write(m.err);
    if (m.kill) { process.removeAllListeners(m.kill); process.kill(process.pid, m.kill); }
    if (m.exit !== undefined) process.stdout.write('', () => process.stderr.write('', () => process.exit(m.exit)));
  }
});
sock.on('error', () => process.exit(1));
sock.on('close', () => process.exit(1));
process.stdin.on('data', (d) => send({ stdin: d.toString() }));
process.stdin.on('end', () => send({ stdinEnd: true }));
process.stdin.on('error', () => {});
for (const sig of ['SIGTERM', 'SIGINT']) process.on(sig, () => send({ signal: sig }));
`;
}
