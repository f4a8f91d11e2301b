/**
 * Every write that changes an article, its tags or its highlights queues the article for the
 * search indexer, in the same transaction (which must include `db.searchQueue`): the index can lag
 * behind the library, never miss a change.
 */
import type { GleanerDB } from './db';

export async function queueForIndex(db: GleanerDB, ids: Iterable<string>): Promise<void> {
  const rows = [...new Set(ids)].map((id) => ({ id }));
  if (rows.length) await db.searchQueue.bulkPut(rows);
}
