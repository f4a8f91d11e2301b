/**
 * The publish queue and the record of what was published, in IndexedDB: a publish that could
 * not reach the repository waits here across restarts until it is sent, once.
 */
import type { GleanerDB } from './db';
import type { PublishedRecord, QueuedPublish } from './publish-records';

/** Queues a publish; a newer publish of the same article replaces the one still waiting. */
export async function enqueuePublish(db: GleanerDB, item: QueuedPublish): Promise<void> {
  await db.transaction('rw', db.publishQueue, async () => {
    await db.publishQueue.where('articleId').equals(item.articleId).delete();
    await db.publishQueue.add(item);
  });
}

export function listPublishQueue(db: GleanerDB): Promise<QueuedPublish[]> {
  return db.publishQueue.orderBy('queuedAt').toArray();
}

export async function removeQueuedPublish(db: GleanerDB, id: string): Promise<void> {
  await db.publishQueue.delete(id);
}

export async function notePublishAttempt(db: GleanerDB, id: string, error: string): Promise<void> {
  await db.publishQueue
    .where('id')
    .equals(id)
    .modify((item) => {
      item.attempts += 1;
      item.lastError = error;
    });
}

export async function lastPublished(
  db: GleanerDB,
  articleId: string,
  targetKey: string,
): Promise<Record<string, string>> {
  const record = await db.published.get(articleId);
  return record?.targetKey === targetKey ? record.blobs : {};
}

export async function savePublished(db: GleanerDB, record: PublishedRecord): Promise<void> {
  await db.published.put(record);
}
