/**
 * The Dexie schema, one dated constant per version. Never edit a shipped version: add the next
 * one (spreading the previous) and an upgrade in db.ts, with a migration test.
 */

/** 2026-11-25 — v1: articles, unique on the normalised URL, tags through a multi-entry index. */
export const SCHEMA_V1 = {
  articles: 'id, &urlKey, *tags, savedAt, published, siteName',
} as const;

/** 2026-11-25 — v2: highlights, keyed by id and looked up by article. No data changes. */
export const SCHEMA_V2 = {
  ...SCHEMA_V1,
  highlights: 'id, articleId, createdAt',
} as const;

/**
 * 2026-12-06 — the library's search index, kept by the background (issue 19). Its own constant so
 * the version number can move when other versions land first.
 * - searchQueue: ids of articles whose card or search text may have changed, for the indexer;
 * - searchDocs: one row per indexed article: its card, document number, weighted length, hash;
 * - searchPostings: per term and segment (one indexer run), the documents that have the term;
 * - searchMeta: the index's format and counters.
 * The upgrade queues every article, so the index is built in the background.
 */
export const SEARCH_INDEX_STORES = {
  searchQueue: 'id',
  searchDocs: 'id, &docNo, card.savedAt',
  searchPostings: '[term+segment], segment',
  searchMeta: 'key',
} as const;

/** 2026-12-06 — v3: the search index (SEARCH_INDEX_STORES). */
export const SCHEMA_V3 = { ...SCHEMA_V2, ...SEARCH_INDEX_STORES } as const;

/**
 * 2026-12-06 — v4: images: each image's bytes once, keyed by their SHA-256, with the articles that
 * use them (multi-entry) and, once none does, when it was released (kept a while for undo).
 * No data changes.
 */
export const SCHEMA_IMAGES = {
  ...SCHEMA_V3,
  images: 'hash, *articleIds, releasedAt',
} as const;
export const SCHEMA_IMAGES_VERSION = 4;

/**
 * 2026-12-06 — v5 (issue 16): publishes waiting for the repository, oldest first, and what was
 * last published of each article (blob ids by path: a file that differs was edited by someone
 * else). No data changes.
 */
export const SCHEMA_PUBLISH = {
  ...SCHEMA_IMAGES,
  publishQueue: 'id, articleId, queuedAt',
  published: 'articleId',
} as const;
export const SCHEMA_PUBLISH_VERSION = 5;

/**
 * 2026-12-06 — v6 (issue 19): the postings stored a row per chunk of terms that start alike
 * (`searchChunks`), not a row per term: an indexer run writes a few thousand rows, not ~55,000.
 * `searchPostings` is dropped; the index's format moves on, so the background rebuilds it while the
 * list stays usable (articles are untouched).
 */
export const SCHEMA_SEARCH_CHUNKS = {
  ...SCHEMA_PUBLISH,
  searchPostings: null,
  searchChunks: '[chunk+segment], segment',
} as const;
export const SCHEMA_SEARCH_CHUNKS_VERSION = 6;

/**
 * 2026-12-06 — v7 (issue 16, sync): `tombstones`, the deletions of articles and highlights a sync
 * carries to other devices (so an older copy does not bring them back), by record id; and
 * `syncFiles`, what the last sync saw of the repository's `_gleaner` files (path → blob id, the
 * article it holds, a fingerprint of our text), so the next one reads only the files that changed.
 * No data changes.
 */
export const SCHEMA_SYNC = {
  ...SCHEMA_SEARCH_CHUNKS,
  tombstones: 'id, articleId',
  syncFiles: 'path',
} as const;
export const SCHEMA_SYNC_VERSION = 7;

/**
 * 2026-12-06 — v8 (issue 16, the folder target): `folders`, the folder the user chose for
 * publishing (a `FileSystemDirectoryHandle`, which only IndexedDB can keep: it is structured-cloned,
 * not JSON), by what it is for. No data changes.
 */
export const SCHEMA_FOLDERS = {
  ...SCHEMA_SYNC,
  folders: 'id',
} as const;
export const SCHEMA_FOLDERS_VERSION = 8;

/**
 * 2026-12-06 — v9 (issue 16, sync at 10,000 articles): `articles` indexed by `updatedAt`, so a
 * sync finds what changed here since it last wrote each record from the index alone, instead of
 * reading every article (15–25 s at 10,000). IndexedDB builds the index from the stored articles;
 * no data changes.
 */
export const SCHEMA_ARTICLE_TIMES = {
  ...SCHEMA_FOLDERS,
  articles: 'id, &urlKey, *tags, savedAt, published, siteName, updatedAt',
} as const;
export const SCHEMA_ARTICLE_TIMES_VERSION = 9;

/**
 * 2026-12-07 — v10 (issue 19): `searchTexts`, each indexed article's search text (its text, and its
 * highlights' quotes and notes), written by the indexer beside its card. A search's snippets read
 * these, not whole articles (HTML, Markdown and text: about three times the bytes), whose reads
 * held up the next query. No data changes: the indexer fills it in the background, after its
 * queue (`fillSearchTexts`), so search stays ready; until then snippets read the articles.
 */
export const SCHEMA_SEARCH_TEXTS = {
  ...SCHEMA_ARTICLE_TIMES,
  searchTexts: 'id',
} as const;
export const SCHEMA_SEARCH_TEXTS_VERSION = 10;

export const LATEST_SCHEMA_VERSION = SCHEMA_SEARCH_TEXTS_VERSION;
