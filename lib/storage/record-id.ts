/**
 * Ids of new articles and highlights: UUID version 7 (RFC 9562), which begins with the time in
 * milliseconds. Saved times have whole seconds, so two articles saved in the same second tie on
 * `savedAt`; IndexedDB then orders them by id, and a time-ordered id keeps "newest first" true.
 */
import { v7 } from 'uuid';

export function newRecordId(): string {
  return v7();
}

/** Records in id order, as IndexedDB orders string keys (by UTF-16 code units). */
export function byId(a: { id: string }, b: { id: string }): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
