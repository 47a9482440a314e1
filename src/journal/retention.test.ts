import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Journal } from './journal.ts';
import { pruneJournal } from './retention.ts';

const DAY = 86_400_000;

function journalWith(times: number[]): Journal {
  const journal = new Journal({ file: ':memory:' });
  for (const time of times) journal.append({ kind: 'log', time, data: { text: `at ${time}` } }, { total: time });
  return journal;
}

test('max_events keeps the newest entries, in batches, and seqs are never given again', async () => {
  const journal = journalWith(Array.from({ length: 5000 }, (_, i) => i));
  assert.equal(await pruneJournal(journal, { maxEvents: 1200 }), 3800);
  const kept = journal.query({ limit: 1000 });
  assert.equal(kept[0]!.seq, 3801);
  assert.equal(journal.lastSeq(), 5000);
  assert.equal(journal.append({ kind: 'log', data: { text: 'next' } }).seq, 5001);
  assert.equal(journal.getState('total'), 4999, 'the state entries imply is not pruned');
  assert.equal(await pruneJournal(journal, { maxEvents: 1200 }), 1, 'only the one beyond the limit');
});

test('max_age_days removes what is older; with nothing left, lastSeq still says where the journal is', async () => {
  const now = 100 * DAY;
  const journal = journalWith([now - 40 * DAY, now - 31 * DAY, now - 29 * DAY, now - 1]);
  assert.equal(await pruneJournal(journal, { maxAgeDays: 30 }, now), 2);
  assert.deepEqual(journal.query().map((e) => e.seq), [3, 4]);
  assert.equal(await pruneJournal(journal, { maxAgeDays: 1 }, now + 2 * DAY), 2);
  assert.deepEqual(journal.query(), []);
  assert.equal(journal.lastSeq(), 4);
});

test('the larger of the two rules wins, and no rule prunes nothing', async () => {
  const now = 10 * DAY;
  const journal = journalWith([0, 1, 2, now - 1, now]);
  assert.equal(await pruneJournal(journal, {}, now), 0);
  assert.equal(await pruneJournal(journal, { maxEvents: 4, maxAgeDays: 5 }, now), 3);
  assert.deepEqual(journal.query().map((e) => e.seq), [4, 5]);
});
