/**
 * What a sync reads from and writes to the library: the whole library with its tombstones, the
 * merge's changes in one transaction (queued for the search index, like every write), and what
 * the last sync saw of the repository.
 */
import type { ArticleBundle, LibraryArticle, Tombstone } from '../library/types';
import type { Highlight } from '../model';
import type { GleanerDB } from './db';
import { releaseImages } from './images-repo';
import { queueForIndex } from './search-queue';
import type { SyncFileRow } from './sync-records';

export interface SyncLibrary {
  bundles: ArticleBundle[];
  tombstones: Tombstone[];
}

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The library as one snapshot (one read transaction). */
export async function readSyncLibrary(db: GleanerDB): Promise<SyncLibrary> {
  return db.transaction('r', db.articles, db.highlights, db.tombstones, async () => {
    const articles = (await db.articles.toArray()) as LibraryArticle[];
    const highlights = (await db.highlights.toArray()).sort(byId);
    const of = new Map<string, Highlight[]>();
    for (const h of highlights) {
      const list = of.get(h.articleId);
      if (list) list.push(h);
      else of.set(h.articleId, [h]);
    }
    return {
      bundles: articles.map((article) => ({ article, highlights: of.get(article.id) ?? [] })),
      tombstones: await db.tombstones.toArray(),
    };
  });
}

/** A bundle's state, to notice that the user changed it while the sync was talking to the server. */
function versionOf(article: LibraryArticle | undefined, highlights: readonly Highlight[]): string {
  return JSON.stringify([article ?? null, [...highlights].sort(byId)]);
}

export interface SyncChanges {
  put: readonly ArticleBundle[];
  remove: readonly string[];
  /** Tombstones this device did not have yet (or had in an older form). */
  tombstones: readonly Tombstone[];
  /** Ids of this device's tombstones that no longer hold (a restore made them void). */
  forget: readonly string[];
  /** The versions the merge started from (absent: the article was not here). */
  base: ReadonlyMap<string, ArticleBundle>;
}

/**
 * Writes a merge in one transaction. An article that changed here since `base` was read is left
 * as it is (the next sync merges it again); returns the ids written or removed.
 */
export async function applySyncChanges(
  db: GleanerDB,
  changes: SyncChanges,
  now: Date,
): Promise<{ written: string[]; skipped: string[] }> {
  const stores = [db.articles, db.highlights, db.searchQueue, db.images, db.tombstones];
  return db.transaction('rw', stores, async () => {
    const ids = [...changes.put.map((b) => b.article.id), ...changes.remove];
    const current = await db.articles.bulkGet(ids);
    const highlights = await db.highlights.where('articleId').anyOf(ids).toArray();
    const skipped = ids.filter((id, i) => {
      const base = changes.base.get(id);
      const now = versionOf(
        current[i] as LibraryArticle | undefined,
        highlights.filter((h) => h.articleId === id),
      );
      return now !== versionOf(base?.article, base?.highlights ?? []);
    });
    const skip = new Set(skipped);
    const remove = changes.remove.filter((id) => !skip.has(id));
    // An article that takes in another with its URL waits while that other one stays (skipped):
    // one URL key, one article.
    const removed = new Set(remove);
    const holders = await db.articles
      .where('urlKey')
      .anyOf(changes.put.map((b) => b.article.urlKey))
      .toArray();
    const holderOf = new Map(holders.map((a) => [a.urlKey, a.id]));
    for (const { article } of changes.put) {
      const holder = holderOf.get(article.urlKey);
      if (holder !== undefined && holder !== article.id && !removed.has(holder)) {
        skip.add(article.id);
        skipped.push(article.id);
      }
    }
    const put = changes.put.filter((b) => !skip.has(b.article.id));
    if (remove.length) {
      await releaseImages(db, remove, now);
      await db.highlights.where('articleId').anyOf(remove).delete();
      await db.articles.bulkDelete(remove);
    }
    if (put.length) {
      const kept = new Set(put.flatMap((b) => b.highlights.map((h) => h.id)));
      const putIds = new Set(put.map((b) => b.article.id));
      const gone = highlights.filter((h) => putIds.has(h.articleId) && !kept.has(h.id));
      await db.highlights.bulkDelete(gone.map((h) => h.id));
      await db.articles.bulkPut(put.map((b) => b.article));
      await db.highlights.bulkPut(put.flatMap((b) => b.highlights));
    }
    await db.tombstones.bulkDelete([...changes.forget]);
    await db.tombstones.bulkPut([...changes.tombstones]);
    const written = [...remove, ...put.map((b) => b.article.id)];
    await queueForIndex(db, written);
    return { written, skipped };
  });
}

/** The files the last sync to this target saw, by path (none after a change of target). */
export async function loadSyncFiles(
  db: GleanerDB,
  targetKey: string,
): Promise<Map<string, SyncFileRow>> {
  const rows = await db.syncFiles.toArray();
  return new Map(rows.filter((r) => r.targetKey === targetKey).map((r) => [r.path, r]));
}

export async function saveSyncFiles(db: GleanerDB, rows: readonly SyncFileRow[]): Promise<void> {
  await db.transaction('rw', db.syncFiles, async () => {
    await db.syncFiles.clear();
    await db.syncFiles.bulkPut([...rows]);
  });
}
