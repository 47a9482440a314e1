// The action string of port.cgi and output.cgi: `[<port>]:<a>[<wait><a>...]`, `<a>` being `/`
// (active) or `\` (inactive) and `<wait>` milliseconds before the next action (docs/vapix.md §1.1).
// Axis asks clients to percent-encode `:`, `/` and `\`, but real clients (Network Optix) send them
// raw, so the parser takes the value exactly as it stood in the URL and decodes it itself.

/** One step: wait `waitMs` after the previous step, then make the output active or inactive. */
export interface ActionStep {
  waitMs: number;
  active: boolean;
}

/** A parsed action: the 1-based port it names (null: none named, the first output) and its steps. */
export interface PortAction {
  port: number | null;
  steps: ActionStep[];
}

export type ActionParse = { ok: true; action: PortAction } | { ok: false; reason: string };

/** Bounds that keep one request from scheduling unbounded work. */
export const ACTION_LIMITS = { maxSteps: 64, maxWaitMs: 3_600_000, maxPort: 9999 } as const;

const STEP = /(\d*)([/\\])/y;

/**
 * Parses an action as it stood in the query (percent-encoded or raw).
 * @example parseActionString('1%3A%2F300%5C') // { ok: true, action: { port: 1, steps: [{waitMs:0,active:true},{waitMs:300,active:false}] } }
 */
export function parseActionString(raw: string): ActionParse {
  const text = percentDecode(raw);
  if (text === null) return fail('bad percent-encoding');
  if (text === '') return fail('empty action');
  const colon = text.indexOf(':');
  if (colon < 0) return fail("no ':' after the port");
  const port = parsePort(text.slice(0, colon));
  if (port === undefined) return fail(`port must be a number from 1 to ${ACTION_LIMITS.maxPort}`);
  const steps = parseSteps(text.slice(colon + 1), colon + 1);
  if (typeof steps === 'string') return fail(steps);
  return { ok: true, action: { port, steps } };
}

/** `%XX` escapes decoded as UTF-8; `+` is left alone (it has no meaning in an action). */
function percentDecode(raw: string): string | null {
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}

/** null when omitted; undefined when invalid. */
function parsePort(text: string): number | null | undefined {
  if (text === '') return null;
  if (!/^[1-9]\d{0,3}$/.test(text)) return undefined;
  return Number(text);
}

/** The steps after the colon (which starts at `offset` of the action), or why they are not valid. */
function parseSteps(text: string, offset: number): ActionStep[] | string {
  if (text === '') return "no '/' or '\\' after ':'";
  const steps: ActionStep[] = [];
  STEP.lastIndex = 0;
  while (STEP.lastIndex < text.length) {
    const at = STEP.lastIndex;
    const m = STEP.exec(text);
    if (!m) return unexpected(text, at, offset);
    const waitMs = m[1] === '' ? 0 : Number(m[1]);
    if (!Number.isSafeInteger(waitMs) || waitMs > ACTION_LIMITS.maxWaitMs) return `a wait is at most ${ACTION_LIMITS.maxWaitMs} ms`;
    steps.push({ waitMs, active: m[2] === '/' });
    if (steps.length > ACTION_LIMITS.maxSteps) return `at most ${ACTION_LIMITS.maxSteps} steps`;
  }
  return steps;
}

/** Names the first character no step can start with; digits running to the end are a dangling wait. */
function unexpected(text: string, at: number, offset: number): string {
  const pos = at + /^\d*/.exec(text.slice(at))![0].length;
  if (pos >= text.length) return "a wait must be followed by '/' or '\\'";
  return `unexpected ${JSON.stringify(text[pos])} at position ${offset + pos + 1}`;
}

function fail(reason: string): ActionParse {
  return { ok: false, reason };
}
