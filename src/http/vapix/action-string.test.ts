import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ACTION_LIMITS, parseActionString, type ActionStep } from './action-string.ts';

const on = (waitMs = 0): ActionStep => ({ waitMs, active: true });
const off = (waitMs = 0): ActionStep => ({ waitMs, active: false });

function parsed(raw: string) {
  const result = parseActionString(raw);
  assert.ok(result.ok, `${raw}: ${result.ok ? '' : result.reason}`);
  return result.action;
}

function reason(raw: string): string {
  const result = parseActionString(raw);
  assert.ok(!result.ok, `${raw} should be refused`);
  return result.reason;
}

// Every documented form (docs/vapix.md §1.1, [AX-IO] and [250S]), each raw as Network Optix sends
// it and percent-encoded as Axis asks (upper- and lower-case hex: clients differ).
const FORMS: Array<[string, string, { port: number | null; steps: ActionStep[] }]> = [
  ['1:/', '1%3A%2F', { port: 1, steps: [on()] }],
  ['1:\\', '1%3A%5C', { port: 1, steps: [off()] }],
  ['3:/', '3%3a%2f', { port: 3, steps: [on()] }],
  ['2:/300\\', '2%3A%2F300%5C', { port: 2, steps: [on(), off(300)] }],
  ['2:/300\\500/300\\', '2%3A%2F300%5C500%2F300%5C', { port: 2, steps: [on(), off(300), on(500), off(300)] }],
  ['1:1000/', '1%3A1000%2F', { port: 1, steps: [on(1000)] }],
  [':/', '%3A%2F', { port: null, steps: [on()] }],
  ['4:\\', '4%3A%5c', { port: 4, steps: [off()] }],
  ['1:/\\', '1%3A%2F%5C', { port: 1, steps: [on(), off()] }],
];

for (const [raw, encoded, expected] of FORMS) {
  test(`"${raw}" parses the same raw and percent-encoded`, () => {
    assert.deepEqual(parsed(raw), expected);
    assert.deepEqual(parsed(encoded), expected);
  });
}

test('a mix of raw and encoded characters parses (clients encode only some)', () => {
  assert.deepEqual(parsed('3:%2F300\\'), { port: 3, steps: [on(), off(300)] });
  assert.deepEqual(parsed('3%3A/300%5C'), { port: 3, steps: [on(), off(300)] });
});

test('waits up to the limit are accepted, and the step count up to its limit', () => {
  assert.deepEqual(parsed(`1:/${ACTION_LIMITS.maxWaitMs}\\`).steps, [on(), off(ACTION_LIMITS.maxWaitMs)]);
  assert.equal(parsed(`1:${'/\\'.repeat(ACTION_LIMITS.maxSteps / 2)}`).steps.length, ACTION_LIMITS.maxSteps);
});

const BAD: Array<[string, string]> = [
  ['', 'empty action'],
  ['1', "no ':' after the port"],
  ['1/', "no ':' after the port"],
  ['/', "no ':' after the port"],
  ['1:', "no '/' or '\\' after ':'"],
  ['0:/', 'port must be a number from 1 to 9999'],
  ['01:/', 'port must be a number from 1 to 9999'],
  ['x:/', 'port must be a number from 1 to 9999'],
  ['-1:/', 'port must be a number from 1 to 9999'],
  ['10000:/', 'port must be a number from 1 to 9999'],
  ['1:/300', "a wait must be followed by '/' or '\\'"],
  ['1:300', "a wait must be followed by '/' or '\\'"],
  ['1:/x', 'unexpected "x" at position 4'],
  ['1:/300|', 'unexpected "|" at position 7'],
  ['1:/ 300\\', 'unexpected " " at position 4'],
  ['1:/,2:\\', 'unexpected "," at position 4'],
  ['1:/:\\', 'unexpected ":" at position 4'],
  ['1:/300\\-5/', 'unexpected "-" at position 8'],
  ['1:/+', 'unexpected "+" at position 4'],
  [`1:/${ACTION_LIMITS.maxWaitMs + 1}\\`, 'a wait is at most 3600000 ms'],
  ['1:/99999999999999999999\\', 'a wait is at most 3600000 ms'],
  [`1:${'/'.repeat(ACTION_LIMITS.maxSteps + 1)}`, 'at most 64 steps'],
  ['1%3', 'bad percent-encoding'],
  ['1%3A%ZZ', 'bad percent-encoding'],
];

for (const [raw, why] of BAD) {
  test(`"${raw}" is refused: ${why}`, () => {
    assert.equal(reason(raw), why);
  });
}

test('encoded bad strings are refused for the same reason as raw ones', () => {
  assert.equal(reason('1%3A%2F300'), "a wait must be followed by '/' or '\\'");
  assert.equal(reason('1%3A%2Fx'), 'unexpected "x" at position 4');
});
