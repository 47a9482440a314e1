import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatInputTxt, reportInterval, startInterval } from './input-interval.ts';

const at = (h: number, m: number): number => new Date(2026, 10, 26, h, m, 30).getTime();

test('a read reports the level and time of the previous read and the pulses since', () => {
  const first = startInterval(at(9, 5), [{ id: 'input1', index: 1, level: 0, pulses: 10 }]);
  const reports = reportInterval(first, [{ id: 'input1', index: 1, level: 1, pulses: 13 }]);
  assert.deepEqual(reports, [{ index: 1, current: 1, last: 0, previousReadAt: at(9, 5), pulse: 3 }]);
  assert.equal(formatInputTxt(reports), 'input:1 current:1 last:0 time:09.05 pulse:3\n');
});

test('two quick reads: the second shows pulse:0 and the first read as last', () => {
  const inputs = [
    { id: 'input1', index: 1, level: 1 as const, pulses: 7 },
    { id: 'input2', index: 2, level: 0 as const, pulses: 0 },
  ];
  const afterFirst = startInterval(at(23, 59), inputs);
  const second = reportInterval(afterFirst, inputs);
  assert.equal(
    formatInputTxt(second),
    'input:1 current:1 last:1 time:23.59 pulse:0\ninput:2 current:0 last:0 time:23.59 pulse:0\n',
  );
});

test('an input the interval does not know yet starts counting from now', () => {
  const state = startInterval(at(0, 0), []);
  const [report] = reportInterval(state, [{ id: 'input3', index: 3, level: 1, pulses: 50 }]);
  assert.equal(report!.pulse, 0);
  assert.equal(report!.last, 1);
});
