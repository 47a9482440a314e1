import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_COMMAND_BYTES, parseButtonPress, parseRelayCommand } from './commands.ts';

const relay = (text: string) => parseRelayCommand(Buffer.from(text));

test('relay words: ON, OFF, TOGGLE, PULSE in any case, blanks around allowed', () => {
  assert.deepEqual(relay('ON'), { ok: true, command: { kind: 'on' } });
  assert.deepEqual(relay('OFF'), { ok: true, command: { kind: 'off' } });
  assert.deepEqual(relay('toggle'), { ok: true, command: { kind: 'toggle' } });
  assert.deepEqual(relay(' Pulse\n'), { ok: true, command: { kind: 'pulse', ms: null } });
});

test('a JSON pulse names its length in ms', () => {
  assert.deepEqual(relay('{"pulse_ms":300}'), { ok: true, command: { kind: 'pulse', ms: 300 } });
  assert.deepEqual(relay(' { "pulse_ms" : 3600000 } '), { ok: true, command: { kind: 'pulse', ms: 3_600_000 } });
});

test('bad relay payloads are refused with a reason', () => {
  for (const text of ['', '   ', 'OPEN', '1', 'ON OFF', '{"pulse_ms":0}', '{"pulse_ms":3600001}', '{"pulse_ms":1.5}',
    '{"pulse_ms":"300"}', '{"pulse_ms":300,"x":1}', '{"pulseMs":300}', '{pulse_ms:300}', '{']) {
    const parsed = relay(text);
    assert.equal(parsed.ok, false, JSON.stringify(text));
    assert.ok(!parsed.ok && parsed.reason.length > 0);
  }
});

test('a payload longer than the limit is refused unread', () => {
  const parsed = parseRelayCommand(Buffer.alloc(MAX_COMMAND_BYTES + 1, 0x20));
  assert.deepEqual(parsed, { ok: false, reason: `longer than ${MAX_COMMAND_BYTES} bytes` });
});

test('a button takes PRESS only', () => {
  assert.deepEqual(parseButtonPress(Buffer.from('PRESS')), { ok: true, command: 'press' });
  assert.deepEqual(parseButtonPress(Buffer.from('press ')), { ok: true, command: 'press' });
  assert.equal(parseButtonPress(Buffer.from('ON')).ok, false);
  assert.equal(parseButtonPress(Buffer.alloc(0)).ok, false);
});
