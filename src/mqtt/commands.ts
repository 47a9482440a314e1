import { z } from 'zod';

/** A relay command from `relay/<n>/set`. `ms: null` is the relay's default pulse length. */
export type RelayCommand = { kind: 'on' } | { kind: 'off' } | { kind: 'toggle' } | { kind: 'pulse'; ms: number | null };

/** A parsed payload, or why it was refused. */
export type Parsed<T> = { ok: true; command: T } | { ok: false; reason: string };

/** Longer payloads are refused unread: no command is that long. */
export const MAX_COMMAND_BYTES = 256;

const RELAY_WORDS: Readonly<Record<string, RelayCommand>> = {
  ON: { kind: 'on' },
  OFF: { kind: 'off' },
  TOGGLE: { kind: 'toggle' },
  PULSE: { kind: 'pulse', ms: null },
};

// Same bounds as the JSON API's pulseMs.
const relayJson = z.object({ pulse_ms: z.number().int().min(1).max(3_600_000) }).strict();

/**
 * Parses a relay command: `ON`, `OFF`, `TOGGLE`, `PULSE` (any case, surrounding blanks allowed) or
 * `{"pulse_ms":300}`.
 * @example parseRelayCommand(Buffer.from('{"pulse_ms":300}')) // { ok: true, command: { kind: 'pulse', ms: 300 } }
 */
export function parseRelayCommand(payload: Buffer): Parsed<RelayCommand> {
  const text = readText(payload);
  if (!text.ok) return text;
  if (text.command.startsWith('{')) {
    let json: unknown;
    try {
      json = JSON.parse(text.command);
    } catch {
      return { ok: false, reason: 'not valid JSON' };
    }
    const body = relayJson.safeParse(json);
    if (!body.success) return { ok: false, reason: 'JSON commands are {"pulse_ms": 1..3600000}' };
    return { ok: true, command: { kind: 'pulse', ms: body.data.pulse_ms } };
  }
  const word = RELAY_WORDS[text.command.toUpperCase()];
  return word ? { ok: true, command: word } : { ok: false, reason: 'expected ON, OFF, TOGGLE, PULSE or {"pulse_ms": N}' };
}

/** Parses a button press from `script/<n>/run`: `PRESS` (Home Assistant's payload_press). */
export function parseButtonPress(payload: Buffer): Parsed<'press'> {
  const text = readText(payload);
  if (!text.ok) return text;
  return text.command.toUpperCase() === 'PRESS' ? { ok: true, command: 'press' } : { ok: false, reason: 'expected PRESS' };
}

function readText(payload: Buffer): Parsed<string> {
  if (payload.length === 0) return { ok: false, reason: 'empty payload' };
  if (payload.length > MAX_COMMAND_BYTES) return { ok: false, reason: `longer than ${MAX_COMMAND_BYTES} bytes` };
  const text = payload.toString('utf8').trim();
  return text ? { ok: true, command: text } : { ok: false, reason: 'blank payload' };
}
