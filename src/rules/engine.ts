import type { JournalEvent } from '../journal/index.ts';
import type { ScriptCapabilities } from './capabilities.ts';
import { EntryRunner, type Trigger } from './entry-runner.ts';
import { parseScript } from './parser.ts';
import { inTimeWindow, isScheduled } from './schedule.ts';
import type { ScriptFile } from './script-file.ts';
import type { Entry, EntryEvent, Script, ScriptError } from './script-types.ts';

export interface ScriptEngineOptions {
  file: ScriptFile;
  caps: ScriptCapabilities;
  inputCount: number;
  /** Told of a script file that was edited by hand and refused. */
  onRefused?: (errors: readonly ScriptError[]) => void;
  clock?: () => number;
}

/** The result of replacing the script: it runs, or it is refused and the old one keeps running. */
export type ReplaceResult = { ok: true; entries: number } | { ok: false; errors: readonly ScriptError[] };

const MINUTE = 60_000;

/**
 * The resident script: runs its schedules each minute, its edge entries on each matching input
 * edge (heard from the journal, so an entry never sees an edge the journal lacks), and its BOOT
 * entries once at start. A new script is parsed first; one with errors is refused whole.
 */
export class ScriptEngine {
  readonly #o: ScriptEngineOptions;
  readonly #clock: () => number;
  #text = '';
  #runners: EntryRunner[] = [];
  #abort = new AbortController();
  #minuteTimer: NodeJS.Timeout | null = null;
  #unsubscribe: (() => void) | null = null;

  constructor(options: ScriptEngineOptions) {
    this.#o = options;
    this.#clock = options.clock ?? Date.now;
  }

  /** Loads the script file (a bad one runs nothing, and says why), runs BOOT entries, starts the clock. */
  async start(): Promise<void> {
    // A save cut short by a crash leaves its temp file beside the script; nothing else removes it.
    await this.#o.file.removeLeftovers();
    const text = await this.#o.file.read();
    const parsed = parseScript(text, { inputCount: this.#o.inputCount });
    if (parsed.ok) this.#install(text, parsed.script, 'file');
    else this.#refuse(parsed.errors);
    this.#unsubscribe = this.#o.caps.journal.subscribe('script-engine', (e) => this.#onEvent(e));
    for (const runner of this.#runners) {
      if (runner.entry.event.kind === 'boot') runner.fire({ label: `entry ${runner.entry.index}: BOOT`, cause: null });
    }
    this.#scheduleMinute();
    this.#o.file.watch(() => void this.#reloadFromFile());
  }

  async stop(): Promise<void> {
    this.#o.file.unwatch();
    this.#unsubscribe?.();
    if (this.#minuteTimer) clearTimeout(this.#minuteTimer);
    this.#abort.abort();
    await Promise.all(this.#runners.map((r) => r.idle));
  }

  /** The script as it runs now. */
  text(): string {
    return this.#text;
  }

  entries(): Entry[] {
    return this.#runners.map((r) => r.entry);
  }

  /** Parses without installing: the editor's check. */
  check(text: string): ReplaceResult {
    const parsed = parseScript(text, { inputCount: this.#o.inputCount });
    return parsed.ok ? { ok: true, entries: parsed.script.entries.length } : { ok: false, errors: parsed.errors };
  }

  /** Parses, and only if it is clean writes and runs it; the journal records the change. */
  async replace(text: string, actor: string): Promise<ReplaceResult> {
    const parsed = parseScript(text, { inputCount: this.#o.inputCount });
    if (!parsed.ok) return { ok: false, errors: parsed.errors };
    await this.#o.file.write(text);
    return this.#install(text, parsed.script, actor);
  }

  /** Fires an entry by hand (the web page's and Home Assistant's buttons). */
  runByHand(index: number, actor: string): boolean {
    const runner = this.#runners[index - 1];
    if (!runner) return false;
    runner.fire({ label: `entry ${index}: by hand (${actor})`, cause: null });
    return true;
  }

  /** Settles when no entry is running (tests, shutdown). */
  async idle(): Promise<void> {
    await Promise.all(this.#runners.map((r) => r.idle));
  }

  #install(text: string, script: Script, actor: string): ReplaceResult {
    this.#text = text;
    this.#runners = script.entries.map((entry) => new EntryRunner(entry, this.#o.caps, this.#o.caps.journal, this.#abort.signal));
    this.#o.caps.journal.append({ kind: 'script', actor, data: { entries: this.#runners.length, errors: [] } });
    return { ok: true, entries: this.#runners.length };
  }

  /** A script file edited by hand with errors: journaled and reported; what runs stays. */
  #refuse(errors: readonly ScriptError[]): void {
    this.#o.caps.journal.append({ kind: 'script', actor: 'file', data: { entries: 0, errors: errors.map((e) => e.message) } });
    this.#o.onRefused?.(errors);
  }

  async #reloadFromFile(): Promise<void> {
    const text = await this.#settledText();
    if (text === null || text === this.#text) return;
    const parsed = parseScript(text, { inputCount: this.#o.inputCount });
    // With errors the running script stays: a half-saved edit must not stop the door lamp.
    if (parsed.ok) this.#install(text, parsed.script, 'file');
    else this.#refuse(parsed.errors);
  }

  /** Fires every schedule entry whose time fields match `at` (to the minute) and whose levels hold. */
  runDue(at: Date): void {
    for (const runner of this.#runners) {
      const { entry } = runner;
      if (isScheduled(entry) && inTimeWindow(entry, at) && this.#levelsHold(entry.event)) {
        runner.fire({ label: `entry ${entry.index}: schedule`, cause: null });
      }
    }
  }

  /**
   * The file's text once two reads 50 ms apart agree: an editor writing in place truncates first,
   * and an empty or half-written file must not replace the running script.
   */
  async #settledText(): Promise<string | null> {
    let previous = await this.#o.file.readIfThere().catch(() => null);
    for (let i = 0; i < 20; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      const text = await this.#o.file.readIfThere().catch(() => null);
      if (text === previous) return text;
      previous = text;
    }
    return previous;
  }

  #scheduleMinute(): void {
    // A few ms past the minute, so the clock read inside is surely in the new minute.
    const delay = MINUTE - (this.#clock() % MINUTE) + 5;
    this.#minuteTimer = setTimeout(() => {
      this.runDue(new Date(this.#clock()));
      this.#scheduleMinute();
    }, delay);
    this.#minuteTimer.unref();
  }

  #onEvent(event: JournalEvent): void {
    if (event.kind !== 'input' || !event.channel) return;
    const input = Number(event.channel.replace('input', ''));
    const direction = event.data.level === 1 ? 'rising' : 'falling';
    for (const runner of this.#runners) {
      const { entry } = runner;
      const edge = entry.event.kind === 'inputs' ? entry.event.edge : undefined;
      if (!edge || edge.input !== input || edge.direction !== direction) continue;
      if (!inTimeWindow(entry, new Date(event.time)) || !this.#levelsHold(entry.event)) continue;
      const term = `${direction === 'rising' ? '/' : '\\'}I${input}`;
      runner.fire({ label: `entry ${entry.index}: ${term}`, cause: event.seq } satisfies Trigger);
    }
  }

  #levelsHold(event: EntryEvent): boolean {
    if (event.kind !== 'inputs') return true;
    const inputs = this.#o.caps.inputs.inputs();
    return event.levels.every((term) => inputs[term.input - 1]?.level === term.level);
  }
}
