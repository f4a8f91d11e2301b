/**
 * What a sync reads from and writes to the library: what changed here since the last sync (from
 * the `updatedAt` index), the articles it merges with their tombstones, the merge's changes in one
 * transaction (queued for the search index, like every write), and what the last sync saw of the
 * repository.
 */
import { fingerprint } from '../library/library-post';
import type { ArticleBundle, LibraryArticle, Tombstone } from '../library/types';
import type { Highlight } from '../model';
import type { GleanerDB } from './db';
import { groupByArticle } from './highlights-repo';
import { releaseImages } from './images-repo';
import { byId } from './record-id';
import { queueForIndex } from './search-queue';
import type { SyncFileRow } from './sync-records';
import { whereAnyOf } from './where-any-of';

export interface SyncLibrary {
  bundles: ArticleBundle[];
  tombstones: Tombstone[];
}

/**
 * An article's state as a sync compares it with the last one: its `updatedAt`, and its highlights'
 * ids, times and a fingerprint of what can be edited in them (a highlight added, edited or deleted
 * does not touch the article; times have whole seconds, so a note edited in the second the
 * highlight was made or last synced keeps its time).
 */
export function localVersionOf(
  updatedAt: string,
  highlights: readonly Pick<Highlight, 'id' | 'updatedAt' | 'note' | 'color'>[],
): string {
  const marks = highlights
    .map((h) => `${h.id}@${h.updatedAt}#${fingerprint(`${h.color}\n${h.note}`)}`)
    .sort();
  return [updatedAt, ...marks].join(' ');
}

/**
 * Every article's version (see localVersionOf), read from the `updatedAt` index and the highlights
 * only, never the articles themselves; null when some article is missing from the index (a record
 * without `updatedAt`): the caller then reads the whole library.
 */
export async function readLocalVersions(db: GleanerDB): Promise<Map<string, string> | null> {
  return db.transaction('r', db.articles, db.highlights, async () => {
    const byTime = db.articles.orderBy('updatedAt');
    const [ids, times, total, highlights] = await Promise.all([
      byTime.primaryKeys(),
      byTime.keys(),
      db.articles.count(),
      db.highlights.toArray(),
    ]);
    if (ids.length !== total) return null;
    const of = groupByArticle(highlights, 'id');
    return new Map(ids.map((id, i) => [id, localVersionOf(String(times[i]), of.get(id) ?? [])]));
  });
}

/**
 * These articles (those found), the ones holding these URL keys, and every tombstone, as one
 * snapshot (one read transaction): what a sync merges and sends.
 */
export async function readSyncBundles(
  db: GleanerDB,
  ids: Iterable<string>,
  urlKeys: Iterable<string>,
): Promise<SyncLibrary> {
  return db.transaction('r', db.articles, db.highlights, db.tombstones, async () => {
    const found = new Map<string, LibraryArticle>();
    const wanted = [...new Set(ids)];
    if (wanted.length)
      for (const article of await db.articles.bulkGet(wanted))
        if (article) found.set(article.id, article as LibraryArticle);
    const keys = [...new Set(urlKeys)];
    if (keys.length)
      for (const article of await whereAnyOf(db.articles, 'urlKey', keys))
        found.set(article.id, article as LibraryArticle);
    const of = groupByArticle(await whereAnyOf(db.highlights, 'articleId', found.keys()), 'id');
    return {
      bundles: [...found.values()].map((article) => ({
        article,
        highlights: of.get(article.id) ?? [],
      })),
      tombstones: await db.tombstones.toArray(),
    };
  });
}

/** The whole library as one snapshot (one read transaction). */
export async function readSyncLibrary(db: GleanerDB): Promise<SyncLibrary> {
  return db.transaction('r', db.articles, db.highlights, db.tombstones, async () => {
    const articles = (await db.articles.toArray()) as LibraryArticle[];
    const of = groupByArticle(await db.highlights.toArray(), 'id');
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
    const highlights = await whereAnyOf(db.highlights, 'articleId', ids);
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
    const holders = await whereAnyOf(
      db.articles,
      'urlKey',
      changes.put.map((b) => b.article.urlKey),
    );
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

/**
 * Makes the target's rows `rows`: writes the rows that differ from `before` (what loadSyncFiles
 * gave) and deletes the ones gone, instead of rewriting all (30,000 rows at 10,000 articles).
 */
export async function saveSyncFiles(
  db: GleanerDB,
  targetKey: string,
  rows: readonly SyncFileRow[],
  before: ReadonlyMap<string, SyncFileRow>,
): Promise<void> {
  const same = (a: SyncFileRow, b: SyncFileRow | undefined) =>
    b !== undefined &&
    a.targetKey === b.targetKey &&
    a.blob === b.blob &&
    a.articleId === b.articleId &&
    a.stamp === b.stamp &&
    a.localVersion === b.localVersion;
  const kept = new Set(rows.map((r) => r.path));
  await db.transaction('rw', db.syncFiles, async () => {
    // Rows of another target (the target changed): a sync keeps only its own.
    const others = await db.syncFiles.filter((r) => r.targetKey !== targetKey).primaryKeys();
    await db.syncFiles.bulkDelete([...others, ...[...before.keys()].filter((p) => !kept.has(p))]);
    await db.syncFiles.bulkPut(rows.filter((r) => !same(r, before.get(r.path))));
  });
}
