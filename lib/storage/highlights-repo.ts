import type { Highlight, HighlightColor } from '../model';
import type { Selector } from '../anchoring/types';
import { laterThan, restoreTime } from '../library/field-times';
import type { GleanerDB } from './db';
import { byId, newRecordId } from './record-id';
import { queueForIndex } from './search-queue';
import { whereAnyOf } from './where-any-of';

export interface NewHighlight {
  articleId: string;
  quote: string;
  note: string;
  color: HighlightColor;
  articleSelectors: Selector[];
  pageSelectors: Selector[];
}

export function listHighlights(db: GleanerDB, articleId: string): Promise<Highlight[]> {
  return db.highlights.where('articleId').equals(articleId).sortBy('createdAt');
}

/** An article's highlights as the reader made them (oldest first), or by id (what syncs and imports compare). */
const HIGHLIGHT_ORDERS = {
  created: (a: Highlight, b: Highlight) => a.createdAt.localeCompare(b.createdAt),
  id: byId,
};

/** Highlights grouped by article, each group in `order`. */
export function groupByArticle(
  highlights: readonly Highlight[],
  order: keyof typeof HIGHLIGHT_ORDERS,
): Map<string, Highlight[]> {
  const groups = new Map<string, Highlight[]>();
  for (const highlight of highlights) {
    const list = groups.get(highlight.articleId);
    if (list) list.push(highlight);
    else groups.set(highlight.articleId, [highlight]);
  }
  for (const list of groups.values()) list.sort(HIGHLIGHT_ORDERS[order]);
  return groups;
}

/** These articles' highlights by article, each article's oldest first (articles with none left out). */
export async function highlightsOfArticles(
  db: GleanerDB,
  ids: Iterable<string>,
): Promise<Map<string, Highlight[]>> {
  return groupByArticle(await whereAnyOf(db.highlights, 'articleId', ids), 'created');
}

export async function addHighlight(
  db: GleanerDB,
  fields: NewHighlight,
  nowIso: string,
  newId: () => string = newRecordId,
): Promise<Highlight> {
  const highlight: Highlight = { ...fields, id: newId(), createdAt: nowIso, updatedAt: nowIso };
  await db.transaction('rw', db.articles, db.highlights, db.searchQueue, async () => {
    // A highlight never outlives its article: refuse one for an article that is not there.
    if (!(await db.articles.get(fields.articleId)))
      throw new Error('The article is not in the library.');
    await db.highlights.add(highlight);
    await queueForIndex(db, [highlight.articleId]);
  });
  return highlight;
}

export async function updateHighlight(
  db: GleanerDB,
  id: string,
  changes: { note?: string; color?: HighlightColor },
  nowIso: string,
): Promise<Highlight> {
  return db.transaction('rw', db.highlights, db.searchQueue, async () => {
    const current = await db.highlights.get(id);
    if (!current) throw new Error('That highlight is gone.');
    const next: Highlight = {
      ...current,
      ...changes,
      updatedAt: laterThan(current.updatedAt, nowIso),
    };
    await db.highlights.put(next);
    await queueForIndex(db, [next.articleId]);
    return next;
  });
}

/** Deletes a highlight and returns it, so the user can undo; its tombstone is for a sync. */
export async function deleteHighlight(
  db: GleanerDB,
  id: string,
  now: Date = new Date(),
): Promise<Highlight | null> {
  return db.transaction('rw', db.highlights, db.searchQueue, db.tombstones, async () => {
    const current = await db.highlights.get(id);
    if (!current) return null;
    await db.highlights.delete(id);
    await db.tombstones.put({
      id,
      kind: 'highlight',
      articleId: current.articleId,
      deletedAt: now.toISOString(),
    });
    await queueForIndex(db, [current.articleId]);
    return current;
  });
}

/** Undo of a delete: puts the highlight back as it was, if its article is still there. */
export async function restoreHighlight(
  db: GleanerDB,
  highlight: Highlight,
  now: Date = new Date(),
): Promise<Highlight> {
  let restored = highlight;
  await db.transaction(
    'rw',
    db.articles,
    db.highlights,
    db.searchQueue,
    db.tombstones,
    async () => {
      if (!(await db.articles.get(highlight.articleId)))
        throw new Error('The article is not in the library.');
      // Marked as put back after its deletion, so a sync lets it win over the tombstone.
      const deletion = await db.tombstones.get(highlight.id);
      restored = { ...highlight, restoredAt: restoreTime(now.toISOString(), deletion?.deletedAt) };
      await db.highlights.put(restored);
      await db.tombstones.delete(highlight.id);
      await queueForIndex(db, [highlight.articleId]);
    },
  );
  return restored;
}
