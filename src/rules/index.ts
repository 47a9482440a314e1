/**
 * The rules part's public API: the resident CRON script (AXIS 200 format) parser, its AST,
 * and the croner-backed schedule helpers. Other parts import only from here.
 */
export { parseScript } from './parser.ts';
export { SCRIPT_ERROR_CODES } from './script-errors.ts';
export { cronPattern, inTimeWindow, isScheduled, nextRun } from './schedule.ts';
export type {
  AlertCommand,
  BufferInitCommand,
  BufferStartCommand,
  BufferStopCommand,
  Command,
  CommandName,
  CommandPosition,
  EdgeTerm,
  Entry,
  EntryEvent,
  FtpCommand,
  LevelTerm,
  LogCommand,
  MailCommand,
  ParseOptions,
  ParseResult,
  RelayAction,
  RelayCommand,
  Script,
  ScriptError,
  ScriptErrorCode,
  SleepCommand,
  SnapshotCommand,
  TimeFields,
} from './script-types.ts';
export { ScriptEngine, type ScriptEngineOptions, type ReplaceResult } from './engine.ts';
export { ScriptFile, DEFAULT_SCRIPT } from './script-file.ts';
export type { ScriptCapabilities, UploadSink, UploadRequest, BufferControl } from './capabilities.ts';
