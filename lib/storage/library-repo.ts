/**
 * The library's reads and bulk writes: pages of cards, bundles for export, tags on many articles,
 * deletes that take their highlights along (and give them back for undo), and imports that merge
 * into an article already saved under the same URL.
 */
import { cardOf, searchTextOf } from '../library/cards';
import { restoreTime, touchArticle } from '../library/field-times';
import type { Highlight } from '../model';
import type {
  ArticleBundle,
  ImportOutcome,
  ImportRecord,
  IncomingHighlight,
  LibraryArticle,
  LibraryEntry,
} from '../library/types';
import { urlKey } from '../url';
import { normalizeTags } from './articles-repo';
import type { GleanerDB } from './db';
import { groupByArticle, highlightsOfArticles } from './highlights-repo';
import { relinkImages, releaseImages } from './images-repo';
import { newRecordId } from './record-id';
import { queueForIndex } from './search-queue';
import { countByKey, whereAnyOf } from './where-any-of';

/**
 * The cards of these articles, in this order: the index's copy where it is current (a few hundred
 * bytes, where the article is tens of KB), made from the article where the indexer has not seen its
 * last change yet.
 */
async function cardsOf(db: GleanerDB, ids: string[]): Promise<LibraryEntry[]> {
  const [docs, waiting] = await Promise.all([
    db.searchDocs.bulkGet(ids),
    db.searchQueue.bulkGet(ids),
  ]);
  const stale = ids.filter((_, i) => !docs[i] || waiting[i]);
  const made = new Map<string, LibraryEntry>();
  if (stale.length) {
    const counts = await countByKey(db.highlights, 'articleId', stale);
    for (const article of await db.articles.bulkGet(stale))
      if (article) made.set(article.id, { card: cardOf(article, counts.get(article.id) ?? 0) });
  }
  return ids.flatMap((id, i) => {
    const doc = docs[i];
    const entry = made.get(id) ?? (doc && !waiting[i] ? { card: doc.card } : undefined);
    return entry ? [entry] : [];
  });
}

/**
 * Articles newest saved first, `limit` from `offset`; with their search text and the total count
 * when asked (the count walks every record in Chromium: ~300 ms at 10,000, so the library page asks
 * for it once, beside its first rows, not with every page).
 */
export async function listEntries(
  db: GleanerDB,
  options: { offset: number; limit: number; withText: boolean; withTotal?: boolean },
): Promise<{ entries: LibraryEntry[]; total: number | null }> {
  const tables = [db.articles, db.highlights, db.searchDocs, db.searchQueue];
  return db.transaction('r', tables, async () => {
    // (The store's count is twice as fast as the savedAt index's in Chromium.)
    const counting = options.withTotal === false ? null : db.articles.count();
    if (!options.limit) return { entries: [], total: await counting };
    // Keys first (the index alone, however far the offset), then only these records.
    const ids = await db.articles
      .orderBy('savedAt')
      .reverse()
      .offset(options.offset)
      .limit(options.limit)
      .primaryKeys();
    if (!options.withText) return { entries: await cardsOf(db, ids), total: await counting };
    const articles = (await db.articles.bulkGet(ids)).filter(
      (a): a is LibraryArticle => a !== undefined,
    );
    const total = await counting;
    const groups = await highlightsOfArticles(db, ids);
    return {
      entries: articles.map((a) => {
        const highlights = groups.get(a.id) ?? [];
        return {
          card: cardOf(a, highlights.length),
          search: searchTextOf(a, highlights),
        };
      }),
      total,
    };
  });
}

/** The articles (in the order asked; missing ones left out) with their highlights. */
export async function getBundles(db: GleanerDB, ids: readonly string[]): Promise<ArticleBundle[]> {
  return db.transaction('r', db.articles, db.highlights, async () => {
    const articles = await db.articles.bulkGet([...ids]);
    const groups = await highlightsOfArticles(db, ids);
    return articles
      .filter((a): a is LibraryArticle => a !== undefined)
      .map((article) => ({ article, highlights: groups.get(article.id) ?? [] }));
  });
}

const lower = (tag: string) => tag.toLocaleLowerCase();

/** Gives the article these tags, unless they are the ones it has; says whether it changed. */
function retag(article: LibraryArticle, tags: string[], nowIso: string): boolean {
  if (tags.length === article.tags.length && tags.every((t, i) => t === article.tags[i]))
    return false;
  article.tags = tags;
  touchArticle(article, ['tags'], nowIso);
  return true;
}

/** Adds and removes tags on many articles; returns how many articles changed. */
export async function retagArticles(
  db: GleanerDB,
  ids: readonly string[],
  change: { add: readonly string[]; remove: readonly string[] },
  nowIso: string,
): Promise<number> {
  const remove = new Set(change.remove.map(lower));
  const changed: string[] = [];
  await db.transaction('rw', db.articles, db.searchQueue, async () => {
    await db.articles
      .where('id')
      .anyOf([...ids])
      .modify((article) => {
        const kept = article.tags.filter((tag) => !remove.has(lower(tag)));
        if (retag(article, normalizeTags([...kept, ...change.add]), nowIso))
          changed.push(article.id);
      });
    await queueForIndex(db, changed);
  });
  return changed.length;
}

/** Renames a tag on every article that has it (merging with the new name where both exist). */
export async function renameTag(
  db: GleanerDB,
  from: string,
  to: string,
  nowIso: string,
): Promise<number> {
  const target = normalizeTags([to])[0];
  if (!target) throw new Error('The new tag name is empty.');
  const changed: string[] = [];
  await db.transaction('rw', db.articles, db.searchQueue, async () => {
    await db.articles
      .where('tags')
      .equalsIgnoreCase(from)
      .distinct()
      .modify((article) => {
        const renamed = article.tags.map((tag) => (lower(tag) === lower(from) ? target : tag));
        if (retag(article, normalizeTags(renamed), nowIso)) changed.push(article.id);
      });
    await queueForIndex(db, changed);
  });
  return changed.length;
}

/**
 * Deletes articles and their highlights in one transaction, and releases the images only they
 * used; returns them so the user can undo. Each leaves a tombstone, which a sync carries.
 */
export async function deleteArticles(
  db: GleanerDB,
  ids: readonly string[],
  now: Date = new Date(),
): Promise<ArticleBundle[]> {
  const stores = [db.articles, db.highlights, db.searchQueue, db.images, db.tombstones];
  return db.transaction('rw', stores, async () => {
    const bundles = await getBundles(db, ids);
    await writeTombstones(db, bundles, now);
    await releaseImages(db, ids, now);
    await db.highlights
      .where('articleId')
      .anyOf([...ids])
      .delete();
    await db.articles.bulkDelete([...ids]);
    await queueForIndex(
      db,
      bundles.map((b) => b.article.id),
    );
    return bundles;
  });
}

/**
 * Undo of a delete: puts articles and highlights back as they were. An article whose URL was
 * saved again meanwhile is merged into that one instead.
 */
export async function restoreBundles(
  db: GleanerDB,
  bundles: readonly ArticleBundle[],
  nowIso: string,
): Promise<number> {
  // Marked as put back after their deletion, so a sync lets them win over the tombstone it carried.
  const deletions = await db.tombstones.bulkGet(bundles.map((b) => b.article.id));
  const outcomes = await importRecords(
    db,
    bundles.map(({ article, highlights }, i) => ({
      article: { ...article, restoredAt: restoreTime(nowIso, deletions[i]?.deletedAt) },
      highlights,
    })),
    nowIso,
    { keepIds: true },
  );
  // The images the delete released belong to the articles again, and the deletions are void.
  for (const [index, outcome] of outcomes.entries()) {
    if (outcome.status !== 'failed')
      await relinkImages(db, outcome.id, bundles[index]?.article.images);
  }
  // (An article merged into the page saved again meanwhile stays deleted under its own id.)
  const back = outcomes.filter((o, i) => o.status !== 'failed' && o.id === bundles[i]?.article.id);
  await db.tombstones.bulkDelete(back.map((o) => (o.status === 'failed' ? '' : o.id)));
  return outcomes.filter((o) => o.status !== 'failed').length;
}

function sameHighlight(a: IncomingHighlight | Highlight, b: IncomingHighlight | Highlight) {
  if (a.quote !== b.quote) return false;
  const at = (h: IncomingHighlight | Highlight) =>
    h.articleSelectors.find((s) => s.type === 'TextPositionSelector');
  const pa = at(a);
  const pb = at(b);
  return !pa || !pb || (pa.start === pb.start && pa.end === pb.end);
}

function union(a: readonly string[] | undefined, b: readonly string[] | undefined) {
  return normalizeTags([...(a ?? []), ...(b ?? [])]);
}

/** The saved article with what the import adds: tags, categories, fields it lacked. */
function mergeInto(existing: LibraryArticle, incoming: ImportRecord['article']): LibraryArticle {
  const merged: LibraryArticle = { ...existing, tags: union(existing.tags, incoming.tags) };
  const categories = union(existing.categories, incoming.categories);
  if (categories.length) merged.categories = categories;
  const fillable = ['byline', 'siteName', 'language', 'published', 'excerpt', 'leadImage'] as const;
  for (const key of fillable) {
    if (merged[key] === null && incoming[key] !== null) merged[key] = incoming[key];
  }
  if (!merged.text.trim() && incoming.text.trim()) {
    merged.html = incoming.html;
    merged.markdown = incoming.markdown;
    merged.text = incoming.text;
    merged.wordCount = incoming.wordCount;
  }
  if (!merged.keywords.length) merged.keywords = incoming.keywords;
  if (incoming.savedAt < merged.savedAt) merged.savedAt = incoming.savedAt;
  return merged;
}

function changedArticle(a: LibraryArticle, b: LibraryArticle): boolean {
  return JSON.stringify(a) !== JSON.stringify(b);
}

/**
 * What an import batch needs to know of the database, read in a few bulk queries up front and
 * kept current in memory as the batch's records are merged (a later record of the batch sees
 * what an earlier one wrote, as if each had been written on its own).
 */
interface ImportView {
  /** The article saved under each URL key. */
  byKey: Map<string, LibraryArticle>;
  /** Each of those articles' highlights, in the order the database lists them (by id). */
  highlightsOf: Map<string, Highlight[]>;
  /** Ids asked to be kept (keepIds) that are already taken. */
  takenArticleIds: Set<string>;
  takenHighlightIds: Set<string>;
}

/** The key an article is saved under (its canonical URL's), then the one of its tab URL. */
function keysOf(article: ImportRecord['article']): [string, ...string[]] {
  const key = urlKey(article.canonicalUrl || article.url);
  const tabKey = urlKey(article.url);
  return tabKey === key ? [key] : [key, tabKey];
}

async function readImportView(
  db: GleanerDB,
  records: readonly ImportRecord[],
  keepIds: boolean,
): Promise<ImportView> {
  const keys = [...new Set(records.flatMap((r) => keysOf(r.article)))];
  const existing = (await whereAnyOf(db.articles, 'urlKey', keys)) as LibraryArticle[];
  const highlights = await whereAnyOf(
    db.highlights,
    'articleId',
    existing.map((a) => a.id),
  );
  const highlightsOf = groupByArticle(highlights, 'id');
  const wanted = <T>(
    ids: (string | undefined)[],
    table: { bulkGet(keys: string[]): Promise<(T | undefined)[]> },
  ) => {
    const asked = [...new Set(ids.filter((id): id is string => Boolean(id)))];
    if (!keepIds || !asked.length) return Promise.resolve(new Set<string>());
    return table
      .bulkGet(asked)
      .then((found) => new Set(asked.filter((_, i) => found[i] !== undefined)));
  };
  return {
    byKey: new Map(existing.map((a) => [a.urlKey, a])),
    highlightsOf,
    takenArticleIds: await wanted(
      records.map((r) => r.article.id),
      db.articles,
    ),
    takenHighlightIds: await wanted(
      records.flatMap((r) => r.highlights.map((h) => h.id)),
      db.highlights,
    ),
  };
}

/** Merges one record into the view; returns its outcome and what to write. */
function importOne(
  view: ImportView,
  record: ImportRecord,
  nowIso: string,
  keepIds: boolean,
  newId: () => string,
): { outcome: ImportOutcome; article: LibraryArticle | null; highlights: Highlight[] } {
  const { id: wantedId, ...incoming } = record.article;
  const keys = keysOf(record.article);
  // As `where('urlKey').anyOf(keys).first()` would: the lowest key that is saved.
  const existingKey = keys.filter((k) => view.byKey.has(k)).sort()[0];
  const existing = existingKey === undefined ? undefined : view.byKey.get(existingKey);

  let article: LibraryArticle;
  let status: 'created' | 'merged' | 'unchanged';
  let known: Highlight[] = [];
  if (existing) {
    const merged = mergeInto(existing, incoming);
    known = view.highlightsOf.get(existing.id) ?? [];
    status = changedArticle(existing, merged) ? 'merged' : 'unchanged';
    article = status === 'merged' ? { ...merged, updatedAt: nowIso } : existing;
  } else {
    const free = keepIds && wantedId && !view.takenArticleIds.has(wantedId);
    article = { ...incoming, id: free ? wantedId : newId(), urlKey: keys[0] };
    if (!article.categories?.length) delete article.categories;
    view.takenArticleIds.add(article.id);
    status = 'created';
  }

  const added: Highlight[] = [];
  const updated: Highlight[] = [];
  for (const incomingHighlight of record.highlights) {
    const { id: wantedHighlightId, ...fields } = incomingHighlight;
    const match = [...known, ...added].find((h) => sameHighlight(h, incomingHighlight));
    if (match) {
      if (!match.note && fields.note && known.includes(match)) {
        updated.push({ ...match, note: fields.note, updatedAt: nowIso });
      }
      continue;
    }
    const freeId =
      keepIds && wantedHighlightId && !view.takenHighlightIds.has(wantedHighlightId)
        ? wantedHighlightId
        : newId();
    view.takenHighlightIds.add(freeId);
    added.push({ ...fields, id: freeId, articleId: article.id });
  }
  if (status === 'unchanged' && (added.length || updated.length)) status = 'merged';
  view.byKey.set(article.urlKey, article);
  const byId = new Map(updated.map((h) => [h.id, h]));
  view.highlightsOf.set(article.id, [...known.map((h) => byId.get(h.id) ?? h), ...added]);
  return {
    outcome: { status, id: article.id },
    article: status === 'unchanged' ? null : article,
    highlights: [...added, ...updated],
  };
}

/** One transaction: the lookups of every record at once, then one bulk write per table. */
async function importBatch(
  db: GleanerDB,
  records: readonly ImportRecord[],
  nowIso: string,
  keepIds: boolean,
  newId: () => string,
): Promise<ImportOutcome[]> {
  return db.transaction('rw', db.articles, db.highlights, db.searchQueue, async () => {
    const view = await readImportView(db, records, keepIds);
    const articles = new Map<string, LibraryArticle>();
    const highlights = new Map<string, Highlight>();
    const outcomes = records.map((record) => {
      const result = importOne(view, record, nowIso, keepIds, newId);
      if (result.article) articles.set(result.article.id, result.article);
      for (const h of result.highlights) highlights.set(h.id, h);
      return result.outcome;
    });
    if (articles.size) await db.articles.bulkPut([...articles.values()]);
    if (highlights.size) await db.highlights.bulkPut([...highlights.values()]);
    await queueForIndex(db, articles.keys());
    return outcomes;
  });
}

/**
 * Writes imported articles with their highlights, merging each into an article already saved
 * under the same URL. All records are tried in one transaction (their lookups and writes in bulk);
 * if that fails, each is tried in its own, so one bad record is reported and nothing partial of it
 * is kept.
 */
export async function importRecords(
  db: GleanerDB,
  records: readonly ImportRecord[],
  nowIso: string,
  options: { keepIds?: boolean; newId?: () => string } = {},
): Promise<ImportOutcome[]> {
  const keepIds = options.keepIds ?? false;
  const newId = options.newId ?? newRecordId;
  let outcomes: ImportOutcome[] | null = null;
  try {
    outcomes = await importBatch(db, records, nowIso, keepIds, newId);
  } catch {
    // Deliberately swallowed: the slow path below finds and reports the record that failed.
  }
  outcomes ??= await importOneByOne(db, records, nowIso, keepIds, newId);
  await linkStoredImages(db, records, outcomes);
  return outcomes;
}

/**
 * A created article's kept images that are stored already (another article of the import, or
 * of the library, has the same bytes) are linked to it now; the others arrive after the records
 * (lib/library/import-images.ts), or stay remote.
 */
async function linkStoredImages(
  db: GleanerDB,
  records: readonly ImportRecord[],
  outcomes: readonly ImportOutcome[],
): Promise<void> {
  for (const [index, outcome] of outcomes.entries()) {
    const images = records[index]?.article.images;
    if (outcome.status === 'created' && images?.some((image) => image.hash))
      await relinkImages(db, outcome.id, images);
  }
}

async function importOneByOne(
  db: GleanerDB,
  records: readonly ImportRecord[],
  nowIso: string,
  keepIds: boolean,
  newId: () => string,
): Promise<ImportOutcome[]> {
  const outcomes: ImportOutcome[] = [];
  for (const record of records) {
    try {
      outcomes.push(...(await importBatch(db, [record], nowIso, keepIds, newId)));
    } catch (error) {
      outcomes.push({
        status: 'failed',
        reason: error instanceof Error ? error.message : String(error),
      });
    }
  }
  return outcomes;
}

async function writeTombstones(db: GleanerDB, bundles: readonly ArticleBundle[], now: Date) {
  const deletedAt = now.toISOString();
  await db.tombstones.bulkPut(
    bundles.map(({ article }) => ({
      id: article.id,
      kind: 'article' as const,
      articleId: article.id,
      deletedAt,
    })),
  );
}
