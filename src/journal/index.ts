export { Journal, type JournalOptions } from './journal.ts';
export type { JournalEvent, JournalKind, JournalKinds, JournalQuery, NewJournalEvent } from './types.ts';
