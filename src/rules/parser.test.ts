import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseScript } from './index.ts';
import type { Command, Entry, ParseOptions, Script } from './index.ts';

/** Parse a script that must be valid, failing with its messages otherwise. */
function parsed(source: string, options?: ParseOptions): Script {
  const result = parseScript(source, options);
  if (!result.ok) assert.fail(result.errors.map((e) => e.message).join('\n'));
  return result.script;
}

/** The only entry of a one-entry script. */
function onlyEntry(source: string, options?: ParseOptions): Entry {
  const { entries } = parsed(source, options);
  assert.equal(entries.length, 1);
  return entries[0]!;
}

/** The commands of `* * * * * :` followed by `body` and `%`. */
function commandsOf(body: string): readonly Command[] {
  return onlyEntry(`* * * * * :\n${body}\n%\n`).commands;
}

describe('parseScript: the seed example', () => {
  const source = [
    '# door contact on input 1: picture on opening, lamp on for 10 s',
    '* * * * * /I1 :',
    'snapshot -relay on;',
    'sleep 10;',
    'relay -off;',
    '%',
    '0 8-18 * * 1-5 :',
    'snapshot;',
    '%',
    '',
  ].join('\n');

  it('gives both entries with index, line, time, event and positioned commands', () => {
    assert.deepEqual(parsed(source), {
      entries: [
        {
          index: 1,
          line: 2,
          time: { minute: '*', hour: '*', dayOfMonth: '*', month: '*', dayOfWeek: '*' },
          event: { kind: 'inputs', edge: { input: 1, direction: 'rising' }, levels: [] },
          commands: [
            { name: 'snapshot', line: 3, column: 1, relay: 'on' },
            { name: 'sleep', line: 4, column: 1, seconds: 10 },
            { name: 'relay', line: 5, column: 1, action: { kind: 'off' }, output: 1 },
          ],
        },
        {
          index: 2,
          line: 7,
          time: { minute: '0', hour: '8-18', dayOfMonth: '*', month: '*', dayOfWeek: '1-5' },
          event: { kind: 'schedule' },
          commands: [{ name: 'snapshot', line: 8, column: 1 }],
        },
      ],
    });
  });
});

describe('parseScript: time field forms', () => {
  const cases: Array<[string, string]> = [
    ['star', '* * * * *'],
    ['numbers', '0 23 31 12 7'],
    ['lists', '3,5 0,12 1,15 1,6 0,6'],
    ['ranges', '4-8 8-18 1-7 3-5 1-5'],
    ['star steps', '*/15 */2 */10 */3 */2'],
    ['range steps', '0-30/10 8-18/2 1-31/7 1-12/6 0-6/2'],
    ['combined lists', '1,5-10,*/20 0,12-14/2 1,*/15 1-3,12 0,5-7'],
    ['weekday 0 to 7', '0 0 * * 0-7'],
  ];
  for (const [name, fields] of cases) {
    it(`keeps ${name} as written: ${fields}`, () => {
      const [minute, hour, dayOfMonth, month, dayOfWeek] = fields.split(' ');
      assert.deepEqual(onlyEntry(`${fields} :\n%\n`).time, { minute, hour, dayOfMonth, month, dayOfWeek });
    });
  }

  it('accepts tabs and extra spaces between fields, and ":" glued to the last field', () => {
    assert.deepEqual(onlyEntry('  0\t8   * *  1-5:\n%\n').time, {
      minute: '0', hour: '8', dayOfMonth: '*', month: '*', dayOfWeek: '1-5',
    });
  });
});

describe('parseScript: event terms', () => {
  const cases: Array<[string, Entry['event']]> = [
    ['BOOT', { kind: 'boot' }],
    ['/I1', { kind: 'inputs', edge: { input: 1, direction: 'rising' }, levels: [] }],
    ['\\I2', { kind: 'inputs', edge: { input: 2, direction: 'falling' }, levels: [] }],
    ['1I3', { kind: 'inputs', levels: [{ input: 3, level: 1 }] }],
    ['0I4', { kind: 'inputs', levels: [{ input: 4, level: 0 }] }],
    ['\\I2&1I1', { kind: 'inputs', edge: { input: 2, direction: 'falling' }, levels: [{ input: 1, level: 1 }] }],
    ['1I1&/I2&0I3', {
      kind: 'inputs', edge: { input: 2, direction: 'rising' }, levels: [{ input: 1, level: 1 }, { input: 3, level: 0 }],
    }],
    ['1I1&0I2', { kind: 'inputs', levels: [{ input: 1, level: 1 }, { input: 2, level: 0 }] }],
  ];
  for (const [term, event] of cases) {
    it(`reads ${term}`, () => {
      assert.deepEqual(onlyEntry(`* * * * * ${term} :\n%\n`).event, event);
    });
  }

  it('reads no sixth field as a schedule', () => {
    assert.deepEqual(onlyEntry('*/5 * * * * :\n%\n').event, { kind: 'schedule' });
  });

  it('accepts inputs up to inputCount', () => {
    const event = onlyEntry('* * * * * /I4&0I1 :\n%\n', { inputCount: 4 }).event;
    assert.deepEqual(event, { kind: 'inputs', edge: { input: 4, direction: 'rising' }, levels: [{ input: 1, level: 0 }] });
  });

  it('does not limit input numbers without inputCount', () => {
    assert.deepEqual(onlyEntry('* * * * * 1I12 :\n%\n').event, { kind: 'inputs', levels: [{ input: 12, level: 1 }] });
  });
});

/** A command without its position, for each kind of command. */
type Unplaced<C> = C extends Command ? Omit<C, 'line' | 'column'> : never;

describe('parseScript: commands and options', () => {
  const cases: Array<[string, Unplaced<Command>]> = [
    ['snapshot;', { name: 'snapshot' }],
    ['snapshot -relay on;', { name: 'snapshot', relay: 'on' }],
    ['snapshot -relay off;', { name: 'snapshot', relay: 'off' }],
    ['snapshot -source cam2;', { name: 'snapshot', source: 'cam2' }],
    ['snapshot -label door;', { name: 'snapshot', label: 'door' }],
    ['snapshot -label "front door" -source "gate cam" -relay on;', {
      name: 'snapshot', label: 'front door', source: 'gate cam', relay: 'on',
    }],
    ['relay -on;', { name: 'relay', action: { kind: 'on' }, output: 1 }],
    ['relay -off;', { name: 'relay', action: { kind: 'off' }, output: 1 }],
    ['relay -toggle;', { name: 'relay', action: { kind: 'toggle' }, output: 1 }],
    ['relay -pulse 300;', { name: 'relay', action: { kind: 'pulse', ms: 300 }, output: 1 }],
    ['relay -output 2 -on;', { name: 'relay', action: { kind: 'on' }, output: 2 }],
    ['relay -pulse 1500 -output 3;', { name: 'relay', action: { kind: 'pulse', ms: 1500 }, output: 3 }],
    ['sleep 10;', { name: 'sleep', seconds: 10 }],
    ['sleep 0.5;', { name: 'sleep', seconds: 0.5 }],
    ['sleep 0;', { name: 'sleep', seconds: 0 }],
    ['sleep .25;', { name: 'sleep', seconds: 0.25 }],
    ['log door opened;', { name: 'log', text: 'door opened' }],
    ['log   -not an option- 100% #1  ;', { name: 'log', text: '-not an option- 100% #1' }],
    ['log "quoted \\"text\\" with \\\\ and ; inside";', { name: 'log', text: 'quoted "text" with \\ and ; inside' }],
    ['log single;', { name: 'log', text: 'single' }],
    ['ftp;', { name: 'ftp' }],
    ['ftp -target archive -label "gate open";', { name: 'ftp', target: 'archive', label: 'gate open' }],
    ['mail;', { name: 'mail' }],
    ['mail -target guard -subject "Door opened";', { name: 'mail', target: 'guard', subject: 'Door opened' }],
    ['alert;', { name: 'alert' }],
    ['alert -target siren -message intruder;', { name: 'alert', target: 'siren', message: 'intruder' }],
    ['buffer_init -pre 5 -post 10 -interval 200;', { name: 'buffer_init', pre: 5, post: 10, intervalMs: 200 }],
    ['buffer_init -source gate -interval 500 -post 0 -pre 3;', {
      name: 'buffer_init', source: 'gate', pre: 3, post: 0, intervalMs: 500,
    }],
    ['buffer_start;', { name: 'buffer_start' }],
    ['buffer_stop;', { name: 'buffer_stop' }],
    ['snapshot -label "a \\q b";', { name: 'snapshot', label: 'a \\q b' }],
    ['snapshot -label #1;', { name: 'snapshot', label: '#1' }],
  ];
  for (const [text, command] of cases) {
    it(`reads ${text}`, () => {
      assert.deepEqual(commandsOf(text), [{ ...command, line: 2, column: 1 }]);
    });
  }
});

describe('parseScript: layout', () => {
  it('reads several commands on one line, with their columns', () => {
    assert.deepEqual(commandsOf('  snapshot;relay -on;  sleep 2 ;log done;'), [
      { name: 'snapshot', line: 2, column: 3 },
      { name: 'relay', line: 2, column: 12, action: { kind: 'on' }, output: 1 },
      { name: 'sleep', line: 2, column: 24, seconds: 2 },
      { name: 'log', line: 2, column: 33, text: 'done' },
    ]);
  });

  it('skips comment lines, blank lines and trailing comments everywhere', () => {
    const source = [
      '',
      '# leading comment',
      '   ',
      '0 8 * * * : # header comment',
      '# comment inside',
      '',
      'snapshot; # after a command',
      'sleep 1; relay -off; # after two',
      '\t# indented comment',
      '% # closing comment',
      '',
      '# trailing comment',
    ].join('\n');
    const entry = onlyEntry(source);
    assert.equal(entry.line, 4);
    assert.deepEqual(entry.commands.map((c) => [c.name, c.line, c.column]), [
      ['snapshot', 7, 1], ['sleep', 8, 1], ['relay', 8, 10],
    ]);
  });

  it('reads commands on the header line after the ":"', () => {
    const entry = onlyEntry('* * * * * BOOT : log started; relay -off;\n%\n');
    assert.deepEqual(entry.commands, [
      { name: 'log', line: 1, column: 18, text: 'started' },
      { name: 'relay', line: 1, column: 31, action: { kind: 'off' }, output: 1 },
    ]);
  });

  it('accepts CRLF line ends and an entry with no commands', () => {
    const { entries } = parsed('0 0 * * * :\r\n%\r\n5 0 * * * :\r\nsnapshot;\r\n%\r\n');
    assert.deepEqual(entries.map((e) => [e.index, e.line, e.commands.length]), [[1, 1, 0], [2, 3, 1]]);
  });

  it('treats an empty command between semicolons as nothing', () => {
    assert.deepEqual(commandsOf('snapshot;;'), [{ name: 'snapshot', line: 2, column: 1 }]);
  });

  it('accepts an empty script', () => {
    assert.deepEqual(parseScript(''), { ok: true, script: { entries: [] } });
    assert.deepEqual(parseScript('# only a comment\n\n'), { ok: true, script: { entries: [] } });
  });
});
