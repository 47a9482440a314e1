import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { InputState, OutputState } from '../io/index.ts';
import type { JournalEvent } from '../journal/index.ts';
import { StatePublisher } from './state-publisher.ts';
import { deviceTopics } from './topics.ts';
import type { OutgoingMessage } from './wire.ts';

const input = (index: number, level: 0 | 1, pulses: number): InputState => ({
  id: `input${index}`, index, name: `Input ${index}`, level, pulses, lastChange: null, fault: null, invert: false,
});
const output = (index: number, active: boolean): OutputState => ({
  id: `output${index}`, index, name: `Relay ${index}`, active, pulseUntil: null, lastChange: null, fault: null, invert: false, pulseMs: 1000,
});

function publisher(inputs: InputState[] = [], outputs: OutputState[] = []) {
  const sent: OutgoingMessage[] = [];
  const announced: Array<number | 'latest'> = [];
  const p = new StatePublisher({
    publish: (m) => sent.push(m),
    topics: deviceTopics('auxio', 'auxio'),
    inputs: { inputs: () => inputs, readInterval: () => [] },
    relays: { outputs: () => outputs, setOutput: async () => outputs[0]!, toggleOutput: async () => outputs[0]!, pulseOutput: async () => outputs[0]! },
    snapshots: { announce: (which) => void announced.push(which), publishCurrent: () => void announced.push('latest') },
  });
  const lines = () => sent.map((m) => `${m.topic}=${m.payload}${m.retain ? ' (r)' : ''}`);
  return { p, lines, announced };
}

const edge = (seq: number, channel: string, level: 0 | 1, pulses: number): JournalEvent =>
  ({ seq, time: 0, kind: 'input', channel, actor: null, data: { level, pulses } }) as JournalEvent;

test('publishAll sends every input, relay and the latest picture', () => {
  const { p, lines, announced } = publisher([input(1, 1, 4), input(2, 0, 0)], [output(1, true)]);
  p.publishAll();
  assert.deepEqual(lines(), [
    'auxio/auxio/input/1/state=ON (r)',
    'auxio/auxio/input/1/pulses=4 (r)',
    'auxio/auxio/input/2/state=OFF (r)',
    'auxio/auxio/input/2/pulses=0 (r)',
    'auxio/auxio/relay/1/state=ON (r)',
  ]);
  assert.deepEqual(announced, ['latest']);
});

test('an input entry sends its level, its total only when it changed, and its event', () => {
  const { p, lines } = publisher([input(1, 0, 0)]);
  p.publishAll();
  const before = lines().length;
  p.onEntry(edge(10, 'input1', 1, 0));
  p.onEntry(edge(11, 'input1', 0, 1));
  assert.deepEqual(lines().slice(before), [
    'auxio/auxio/input/1/state=ON (r)',
    'auxio/auxio/input/1/event={"event_type":"rising","seq":10,"time":"1970-01-01T00:00:00.000Z","level":1,"pulses":0}',
    'auxio/auxio/input/1/state=OFF (r)',
    'auxio/auxio/input/1/pulses=1 (r)',
    'auxio/auxio/input/1/event={"event_type":"falling","seq":11,"time":"1970-01-01T00:00:00.000Z","level":0,"pulses":1}',
  ]);
});

test('output and snapshot entries are published; other kinds are not state', () => {
  const { p, lines, announced } = publisher();
  p.onEntry({ seq: 1, time: 0, kind: 'output', channel: 'output2', actor: 'mqtt:x', data: { active: true, pulseUntil: null } });
  p.onEntry({ seq: 2, time: 0, kind: 'snapshot', channel: null, actor: null, data: { id: 5, source: 's', trigger: 't', bytes: 1, width: 1, height: 1 } });
  p.onEntry({ seq: 3, time: 0, kind: 'log', channel: null, actor: null, data: { text: 'hello' } });
  assert.deepEqual(lines(), ['auxio/auxio/relay/2/state=ON (r)']);
  assert.deepEqual(announced, [5]);
});
