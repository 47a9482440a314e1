export { Journal, type JournalOptions } from './journal.ts';
export { JOURNAL_KINDS } from './types.ts';
export { JournalRetention, pruneJournal, type JournalRetentionPolicy } from './retention.ts';
export type { JournalEvent, JournalKind, JournalKinds, JournalQuery, NewJournalEvent } from './types.ts';
