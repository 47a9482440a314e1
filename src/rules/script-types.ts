/**
 * The AST of auxio's resident CRON script, the AXIS 200 camera server's format
 * (DESIGN.md, "The CRON script is the seed's own format").
 */

/** The five time fields of an entry header, as written (validated, numeric forms only). */
export interface TimeFields {
  readonly minute: string;
  readonly hour: string;
  readonly dayOfMonth: string;
  readonly month: string;
  /** 0-7, 0 and 7 both Sunday. */
  readonly dayOfWeek: string;
}

/** An input edge: `/In` is rising (low→high), `\In` falling. Inputs are 1-based. */
export interface EdgeTerm {
  readonly input: number;
  readonly direction: 'rising' | 'falling';
}

/** An input level condition: `1In` (high) or `0In` (low). */
export interface LevelTerm {
  readonly input: number;
  readonly level: 0 | 1;
}

/**
 * What starts an entry. `schedule`: no sixth field, runs when the time fields match.
 * `boot`: once at start-up. `inputs` with an edge: on each matching edge inside the time window;
 * `inputs` with levels only: a schedule whose run is skipped unless every level holds.
 */
export type EntryEvent =
  | { readonly kind: 'schedule' }
  | { readonly kind: 'boot' }
  | { readonly kind: 'inputs'; readonly edge?: EdgeTerm; readonly levels: readonly LevelTerm[] };

/** Where a command starts (its name), 1-based. */
export interface CommandPosition {
  readonly line: number;
  readonly column: number;
}

/** `snapshot [-relay on|off] [-source NAME] [-label TEXT]` */
export interface SnapshotCommand extends CommandPosition {
  readonly name: 'snapshot';
  readonly relay?: 'on' | 'off';
  readonly source?: string;
  readonly label?: string;
}

/** The one thing a `relay` command does. */
export type RelayAction =
  | { readonly kind: 'on' }
  | { readonly kind: 'off' }
  | { readonly kind: 'toggle' }
  | { readonly kind: 'pulse'; readonly ms: number };

/** `relay -on | -off | -toggle | -pulse MS [-output N]`; output defaults to 1. */
export interface RelayCommand extends CommandPosition {
  readonly name: 'relay';
  readonly action: RelayAction;
  readonly output: number;
}

/** `sleep SECONDS` (non-negative, decimals allowed). */
export interface SleepCommand extends CommandPosition {
  readonly name: 'sleep';
  readonly seconds: number;
}

/** `log TEXT` */
export interface LogCommand extends CommandPosition {
  readonly name: 'log';
  readonly text: string;
}

/** `ftp [-target NAME] [-label TEXT]`: upload this run's latest snapshot. */
export interface FtpCommand extends CommandPosition {
  readonly name: 'ftp';
  readonly target?: string;
  readonly label?: string;
}

/** `mail [-target NAME] [-subject TEXT]` */
export interface MailCommand extends CommandPosition {
  readonly name: 'mail';
  readonly target?: string;
  readonly subject?: string;
}

/** `alert [-target NAME] [-message TEXT]` */
export interface AlertCommand extends CommandPosition {
  readonly name: 'alert';
  readonly target?: string;
  readonly message?: string;
}

/** `buffer_init [-source NAME] -pre N -post N -interval MS`: keep the last `pre` frames. */
export interface BufferInitCommand extends CommandPosition {
  readonly name: 'buffer_init';
  readonly source?: string;
  readonly pre: number;
  readonly post: number;
  readonly intervalMs: number;
}

/** `buffer_start`: take the post-trigger frames, then store pre + post. */
export interface BufferStartCommand extends CommandPosition {
  readonly name: 'buffer_start';
}

/** `buffer_stop` */
export interface BufferStopCommand extends CommandPosition {
  readonly name: 'buffer_stop';
}

/** Any script command, discriminated by `name`. */
export type Command =
  | SnapshotCommand
  | RelayCommand
  | SleepCommand
  | LogCommand
  | FtpCommand
  | MailCommand
  | AlertCommand
  | BufferInitCommand
  | BufferStartCommand
  | BufferStopCommand;

/** The command names, as written in a script. */
export type CommandName = Command['name'];

/** One entry: header plus the commands run in sequence. */
export interface Entry {
  /** 1-based position in the script. */
  readonly index: number;
  /** Line of the header. */
  readonly line: number;
  readonly time: TimeFields;
  readonly event: EntryEvent;
  readonly commands: readonly Command[];
}

/** A parsed script. */
export interface Script {
  readonly entries: readonly Entry[];
}

/** Stable codes of script errors; branch on these, never on the message. */
export type ScriptErrorCode =
  | 'unknown-command'
  | 'unknown-option'
  | 'missing-option'
  | 'missing-value'
  | 'duplicate-option'
  | 'conflicting-options'
  | 'unexpected-argument'
  | 'bad-value'
  | 'bad-number'
  | 'missing-semicolon'
  | 'missing-percent'
  | 'missing-colon'
  | 'field-count'
  | 'bad-time-field'
  | 'time-out-of-range'
  | 'bad-event'
  | 'input-out-of-range'
  | 'unterminated-string'
  | 'outside-entry';

/** One problem in a script. */
export interface ScriptError {
  readonly code: ScriptErrorCode;
  /** 1-based line of the offending token. */
  readonly line: number;
  /** 1-based column of the offending token. */
  readonly column: number;
  /** Formatted, e.g. `line 3, column 7: unknown command "snapshoot" (did you mean "snapshot"?)`. */
  readonly message: string;
}

/** The parser's answer: never a throw. */
export type ParseResult =
  | { readonly ok: true; readonly script: Script }
  | { readonly ok: false; readonly errors: readonly ScriptError[] };

/** Parser options. */
export interface ParseOptions {
  /** When given, input terms must name inputs 1..inputCount. */
  readonly inputCount?: number;
}
