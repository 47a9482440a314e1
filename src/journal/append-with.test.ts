import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Journal } from './journal.ts';

function journalWithTable(): Journal {
  const journal = new Journal({ file: ':memory:' });
  journal.db.exec('CREATE TABLE pictures (id INTEGER PRIMARY KEY, name TEXT NOT NULL)');
  return journal;
}
const count = (journal: Journal): number => (journal.db.prepare('SELECT COUNT(*) AS n FROM pictures').get() as { n: number }).n;

test('appendWith commits the step and the entry describing it together, then tells subscribers', () => {
  const journal = journalWithTable();
  const heard: Array<{ seq: number; rows: number }> = [];
  journal.subscribe('test', (e) => heard.push({ seq: e.seq, rows: count(journal) }));
  const { result, event } = journal.appendWith(
    () => Number(journal.db.prepare("INSERT INTO pictures (name) VALUES ('door')").run().lastInsertRowid),
    (id) => ({ kind: 'log', data: { text: `picture ${id}` } }),
  );
  assert.equal(result, 1);
  assert.deepEqual(event.data, { text: 'picture 1' });
  assert.deepEqual(heard, [{ seq: event.seq, rows: 1 }], 'heard once, with the row already there');
});

test('when the entry cannot be written, the step is undone too, and nobody hears of it', () => {
  const journal = journalWithTable();
  let heard = 0;
  journal.subscribe('test', () => heard++);
  assert.throws(() =>
    journal.appendWith(
      () => journal.db.prepare("INSERT INTO pictures (name) VALUES ('door')").run(),
      () => {
        throw new Error('the journal insert failed');
      },
    ),
  );
  assert.equal(count(journal), 0);
  assert.equal(journal.lastSeq(), 0);
  assert.equal(heard, 0);
});
