// The CRON script parser (src/rules): any text gives its documented result, never a throw; every
// error names a line and column inside the text; generated valid scripts parse to what was generated.
import fc from 'fast-check';
import { parseScript, SCRIPT_ERROR_CODES, type ParseResult } from '../../src/rules/index.ts';
import { mutate, mutation, validScript } from './script-arbitraries.ts';
import { anyString, nastyString } from './text-arbitraries.ts';
import type { FuzzTarget } from './targets.ts';

const INPUTS = 4;
/** Far above what a parse of a few KB takes, even on a loaded machine; a slower one is a hang. */
const MAX_MS = 1000;

/** The lines as the parser numbers them. */
const linesOf = (source: string): string[] => source.split(/\r?\n/);

/** Parses, and fails with a readable reason unless the answer is well formed for `source`. */
export function checkedParse(source: string): Extract<ParseResult, { ok: true }> | Extract<ParseResult, { ok: false }> {
  const started = performance.now();
  const result = parseScript(source, { inputCount: INPUTS });
  const ms = performance.now() - started;
  if (ms > MAX_MS) throw new Error(`parse took ${ms.toFixed(0)} ms`);
  const lines = linesOf(source);
  if (result.ok) {
    for (const entry of result.script.entries) {
      for (const c of entry.commands) {
        if (!lines[c.line - 1]?.startsWith(c.name, c.column - 1)) throw new Error(`command ${c.name} is not at line ${c.line}, column ${c.column}`);
      }
    }
    return result;
  }
  if (result.errors.length === 0) throw new Error('refused with no error');
  let previous = { line: 0, column: 0 };
  for (const e of result.errors) {
    if (!SCRIPT_ERROR_CODES.includes(e.code)) throw new Error(`unknown code ${e.code}`);
    const line = lines[e.line - 1];
    if (!Number.isInteger(e.line) || line === undefined) throw new Error(`error line ${e.line} is outside 1-${lines.length}: ${e.message}`);
    if (!Number.isInteger(e.column) || e.column < 1 || e.column > line.length + 1) {
      throw new Error(`error column ${e.column} is outside line ${e.line} (length ${line.length}): ${e.message}`);
    }
    if (!e.message.startsWith(`line ${e.line}, column ${e.column}: `)) throw new Error(`message does not name its place: ${e.message}`);
    if (e.line < previous.line || (e.line === previous.line && e.column < previous.column)) throw new Error('errors are not in order');
    previous = e;
  }
  return result;
}

/** Text that looks like a script: its syntax characters, keywords and numbers, with junk. */
const scriptish = fc
  .array(
    fc.oneof(
      fc.constantFrom('* * * * *', ' :', ':', ';', '%', '\n', '\r\n', '#', '/I1', '\\I2', '1I3', '0I4', '&', 'BOOT', 'I', ' ', '\t', '"', '\\"', ','),
      fc.constantFrom('snapshot', 'relay', 'sleep', 'log', 'ftp', 'mail', 'alert', 'buffer_init', 'buffer_start', 'buffer_stop'),
      fc.constantFrom('-relay', '-on', '-off', '-toggle', '-pulse', '-output', '-source', '-label', '-target', '-pre', '-post', '-interval', '-subject', '-message'),
      fc.oneof(fc.integer({ min: -5, max: 100 }).map(String), fc.constantFrom('*/15', '4-8', '8-18/2', '99999999999999999999', '1.5', '.5', '0-7', '60', '1e3')),
      nastyString(6),
    ),
    { maxLength: 120 },
  )
  .map((parts) => parts.join(''));

const randomText: FuzzTarget = {
  name: 'script parser: random text',
  family: 'script',
  open: () => ({
    property: fc.property(fc.oneof(anyString(400), scriptish), (source) => {
      checkedParse(source);
    }),
  }),
};

const validScripts: FuzzTarget = {
  name: 'script parser: valid scripts parse',
  family: 'script',
  open: () => ({
    property: fc.property(validScript({ inputCount: INPUTS }), (generated) => {
      const result = checkedParse(generated.text);
      if (!result.ok) throw new Error(`a valid script was refused: ${result.errors.map((e) => e.message).join('; ')}`);
      const found = result.script.entries.map((e) => ({ line: e.line, commands: e.commands.map((c) => c.name) }));
      if (JSON.stringify(found) !== JSON.stringify(generated.entries)) {
        throw new Error(`parsed ${JSON.stringify(found)}, generated ${JSON.stringify(generated.entries)}`);
      }
    }),
  }),
};

const nearValid: FuzzTarget = {
  name: 'script parser: mutated valid scripts',
  family: 'script',
  open: () => ({
    property: fc.property(validScript({ inputCount: INPUTS }), fc.array(mutation, { minLength: 1, maxLength: 3 }), (generated, edits) => {
      checkedParse(mutate(generated.text, edits));
    }),
  }),
};

export const scriptTargets: readonly FuzzTarget[] = [randomText, validScripts, nearValid];
