import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { InputState, OutputState } from '../../io/index.ts';
import { circuitOf, invertFor, isActive, listPorts, normalCircuit, parsePortId } from './ports.ts';

const input = (index: number, level: 0 | 1, invert = false): InputState => ({
  id: `input${index}`, index, name: `Input ${index}`, level, pulses: 0, lastChange: null, fault: null, invert,
});
const output = (index: number, active: boolean, invert = false): OutputState => ({
  id: `output${index}`, index, name: `Relay ${index}`, active, pulseUntil: null, lastChange: null, fault: null, invert, pulseMs: 1000,
});

test('ids run inputs first, then outputs, from 0; each keeps its channel index', () => {
  const ports = listPorts([input(1, 0), input(2, 0)], [output(1, false), output(2, false)]);
  assert.deepEqual(ports.map((p) => [p.id, p.direction, p.index]), [
    [0, 'input', 1],
    [1, 'input', 2],
    [2, 'output', 1],
    [3, 'output', 2],
  ]);
});

test('circuit and normal state: closed means active unless the channel is inverted', () => {
  const cases: Array<[InputState | OutputState, boolean, 'open' | 'closed', 'open' | 'closed']> = [
    [input(1, 0), false, 'open', 'open'],
    [input(1, 1), true, 'closed', 'open'],
    [input(1, 1, true), true, 'open', 'closed'],
    [input(1, 0, true), false, 'closed', 'closed'],
    [output(1, false), false, 'open', 'open'],
    [output(1, true), true, 'closed', 'open'],
    [output(1, true, true), true, 'open', 'closed'],
    [output(1, false, true), false, 'closed', 'closed'],
  ];
  for (const [state, active, circuit, normal] of cases) {
    const port = 'level' in state ? listPorts([state], [])[0]! : listPorts([], [state])[0]!;
    assert.deepEqual([isActive(port), circuitOf(port), normalCircuit(port)], [active, circuit, normal], JSON.stringify(state));
  }
  assert.deepEqual([invertFor('closed'), invertFor('open')], [false, true]);
});

test('port ids are plain decimal strings', () => {
  assert.deepEqual(['0', '2', '10', '02', '-1', '1.0', '', ' 1', 2].map(parsePortId), [0, 2, 10, NaN, NaN, NaN, NaN, NaN, NaN]);
});
