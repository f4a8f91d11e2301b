import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { GleanerDB } from '@/lib/storage/db';
import { StoredSearch } from '@/lib/storage/stored-search';
import {
  LATEST_SCHEMA_VERSION,
  SCHEMA_PUBLISH,
  SCHEMA_PUBLISH_VERSION,
  SCHEMA_SEARCH_CHUNKS,
  SCHEMA_SEARCH_CHUNKS_VERSION,
  SCHEMA_ARTICLE_TIMES,
  SCHEMA_ARTICLE_TIMES_VERSION,
  SCHEMA_FOLDERS,
  SCHEMA_FOLDERS_VERSION,
  SCHEMA_SYNC,
  SCHEMA_SYNC_VERSION,
  SCHEMA_V1,
  SCHEMA_V2,
} from '@/lib/storage/schema';
import { checkSearchIndex, fillSearchTexts, indexQueued } from '@/lib/storage/search-indexer';
import { sampleClip } from '../support/article';

/** Opens a raw database at an old version, seeds it, then opens the real one over it. */
async function seedAtVersion(
  name: string,
  version: number,
  stores: Record<string, string | null>,
  seed: (db: Dexie) => Promise<void>,
) {
  const old = new Dexie(name);
  old.version(version).stores(stores);
  await old.open();
  await seed(old);
  old.close();
}

describe('migrations', () => {
  it('v1 → v2 keeps every article and adds an empty highlights table', async () => {
    const name = `migrate-${Math.random()}`;
    const articles = [1, 2, 3].map((n) => ({
      ...sampleClip({ canonicalUrl: `https://a.example/${n}` }),
      id: `id-${n}`,
      urlKey: `a.example/${n}`,
      tags: [`t${n}`, 'shared'],
      savedAt: '2026-11-25T10:00:00+00:00',
      updatedAt: '2026-11-25T10:00:00+00:00',
    }));
    await seedAtVersion(name, 1, SCHEMA_V1, async (db) => {
      await db.table('articles').bulkAdd(articles);
    });
    const db = new GleanerDB(name);
    await db.open();
    expect(db.verno).toBe(LATEST_SCHEMA_VERSION);
    expect(await db.articles.toArray()).toEqual(articles);
    expect(await db.articles.where('tags').equals('shared').count()).toBe(3);
    expect(await db.highlights.count()).toBe(0);
    await db.delete();
  });

  it('v2 → images keeps every article and highlight and adds an empty images table', async () => {
    const name = `migrate-${Math.random()}`;
    const articles = [1, 2].map((n) => ({
      ...sampleClip({ canonicalUrl: `https://a.example/${n}` }),
      id: `id-${n}`,
      urlKey: `a.example/${n}`,
      tags: ['shared'],
      savedAt: '2026-12-01T10:00:00+00:00',
      updatedAt: '2026-12-01T10:00:00+00:00',
    }));
    const highlight = {
      id: 'h-1',
      articleId: 'id-1',
      quote: '企业微信',
      note: 'n',
      color: 'yellow',
      articleSelectors: [],
      pageSelectors: [],
      createdAt: '2026-12-01T10:00:00+00:00',
      updatedAt: '2026-12-01T10:00:00+00:00',
    };
    await seedAtVersion(name, 2, SCHEMA_V2, async (db) => {
      await db.table('articles').bulkAdd(articles);
      await db.table('highlights').add(highlight);
    });
    const db = new GleanerDB(name);
    await db.open();
    expect(db.verno).toBe(LATEST_SCHEMA_VERSION);
    expect(await db.articles.toArray()).toEqual(articles);
    expect(await db.highlights.toArray()).toEqual([highlight]);
    expect(await db.images.count()).toBe(0);
    expect(db.images.schema.idxByName.articleIds?.multi).toBe(true);
    await db.delete();
  });

  it('v2 → v5 (2026-12-06, publishing) keeps articles and highlights and adds an empty publish queue', async () => {
    const name = `migrate-${Math.random()}`;
    const article = {
      ...sampleClip({ canonicalUrl: 'https://a.example/1' }),
      id: 'id-1',
      urlKey: 'a.example/1',
      tags: ['t'],
      savedAt: '2026-11-25T10:00:00+00:00',
      updatedAt: '2026-11-25T10:00:00+00:00',
    };
    const highlight = {
      id: 'h-1',
      articleId: 'id-1',
      quote: 'q',
      note: 'n',
      color: 'yellow',
      articleSelectors: [],
      pageSelectors: [],
      createdAt: '2026-11-25T10:00:00+00:00',
      updatedAt: '2026-11-25T10:00:00+00:00',
    };
    await seedAtVersion(name, 2, SCHEMA_V2, async (db) => {
      await db.table('articles').add(article);
      await db.table('highlights').add(highlight);
    });
    const db = new GleanerDB(name);
    await db.open();
    expect(db.verno).toBe(LATEST_SCHEMA_VERSION);
    expect(await db.articles.toArray()).toEqual([article]);
    expect(await db.highlights.toArray()).toEqual([highlight]);
    expect(await db.publishQueue.count()).toBe(0);
    expect(await db.published.count()).toBe(0);
    await db.delete();
  });
});

/** Three saved articles whose titles hold "ferry", saved on three days. */
const ferryArticles = () =>
  [1, 2, 3].map((n) => ({
    ...sampleClip({ canonicalUrl: `https://a.example/${n}`, title: `Harbour ferry ${n}` }),
    id: `id-${n}`,
    urlKey: `a.example/${n}`,
    tags: [`t${n}`],
    savedAt: `2026-11-2${n}T10:00:00+00:00`,
    updatedAt: '2026-11-25T10:00:00+00:00',
  }));

describe('v2 → v3 (2026-12-06, the search index)', () => {
  it('keeps articles and highlights and queues every article for the indexer', async () => {
    const name = `migrate-${Math.random()}`;
    const articles = ferryArticles();
    await seedAtVersion(name, 2, SCHEMA_V2, async (db) => {
      await db.table('articles').bulkAdd(articles);
    });
    const db = new GleanerDB(name);
    await db.open();
    expect(db.verno).toBe(LATEST_SCHEMA_VERSION);
    expect(await db.articles.toArray()).toEqual(articles);
    expect((await db.searchQueue.toCollection().primaryKeys()).sort()).toEqual([
      'id-1',
      'id-2',
      'id-3',
    ]);
    expect(await db.searchDocs.count()).toBe(0);
    // The background builds the index from the queue; then search finds them.
    while ((await indexQueued(db)) > 0);
    const search = await StoredSearch.open(db);
    expect((await search.search('ferry')).map((h) => h.id).sort()).toEqual([
      'id-1',
      'id-2',
      'id-3',
    ]);
    expect(search.cards().map((c) => c.id)).toEqual(['id-3', 'id-2', 'id-1']);
    await db.delete();
  });
});

describe('v5 → v6 (2026-12-06, postings stored by chunk)', () => {
  it('keeps every article, drops the per-term postings and rebuilds the index in the background', async () => {
    const name = `migrate-${Math.random()}`;
    const articles = ferryArticles();
    await seedAtVersion(name, SCHEMA_PUBLISH_VERSION, SCHEMA_PUBLISH, async (db) => {
      await db.table('articles').bulkAdd(articles);
      // A v5 index: one row per term (format 1).
      await db.table('searchMeta').put({
        key: 'state',
        format: 1,
        nextDocNo: 3,
        nextSegment: 1,
        segments: { 0: 3 },
      });
      await db
        .table('searchDocs')
        .bulkPut(
          articles.map((a, n) => ({ id: a.id, docNo: n, length: 9, hash: 1, card: { id: a.id } })),
        );
      await db.table('searchPostings').put({
        term: 'ferry',
        segment: 0,
        docs: Uint32Array.from([0, 1, 2]),
        weights: Uint32Array.from([3, 3, 3]),
      });
    });
    const db = new GleanerDB(name);
    await db.open();
    expect(db.verno).toBe(LATEST_SCHEMA_VERSION);
    expect(await db.articles.toArray()).toEqual(articles);
    expect(db.tables.map((t) => t.name)).not.toContain('searchPostings');
    expect(await db.searchChunks.count()).toBe(0);
    // The indexer's first run sees the old format and queues every article again.
    expect(await checkSearchIndex(db)).toBe(true);
    expect(await db.searchQueue.count()).toBe(3);
    while ((await indexQueued(db)) > 0);
    expect(await db.searchChunks.count()).toBeGreaterThan(0);
    const search = await StoredSearch.open(db);
    expect((await search.search('ferry')).map((h) => h.id).sort()).toEqual([
      'id-1',
      'id-2',
      'id-3',
    ]);
    expect((await search.search('fer')).length).toBe(3);
    await db.delete();
  });
});

describe('v6 → v7 (2026-12-06, sync)', () => {
  it('keeps every article, highlight and publish record, and adds empty tombstones and sync files', async () => {
    const name = `migrate-${Math.random()}`;
    const articles = ferryArticles();
    const highlight = {
      id: 'h-1',
      articleId: 'id-1',
      quote: 'ferry',
      note: 'n',
      color: 'yellow',
      articleSelectors: [],
      pageSelectors: [],
      createdAt: '2026-12-05T10:00:00+00:00',
      updatedAt: '2026-12-05T10:00:00+00:00',
    };
    const published = {
      articleId: 'id-1',
      targetKey: 'k',
      blobs: { '_posts/a.md': 'abc' },
      commit: 'c0ffee',
      publishedAt: '2026-12-05T10:00:00Z',
    };
    await seedAtVersion(name, SCHEMA_SEARCH_CHUNKS_VERSION, SCHEMA_SEARCH_CHUNKS, async (db) => {
      await db.table('articles').bulkAdd(articles);
      await db.table('highlights').add(highlight);
      await db.table('published').add(published);
    });
    const db = new GleanerDB(name);
    await db.open();
    expect(db.verno).toBe(LATEST_SCHEMA_VERSION);
    expect(await db.articles.toArray()).toEqual(articles);
    expect(await db.highlights.toArray()).toEqual([highlight]);
    expect(await db.published.toArray()).toEqual([published]);
    expect(await db.tombstones.count()).toBe(0);
    expect(await db.syncFiles.count()).toBe(0);
    await db.delete();
  });
});

describe('v7 → v8 (2026-12-06, the folder target)', () => {
  it('keeps every article, tombstone and sync file, and adds an empty folders table', async () => {
    const name = `migrate-${Math.random()}`;
    const articles = ferryArticles();
    const tombstone = {
      id: 'id-9',
      articleId: 'id-9',
      kind: 'article',
      deletedAt: '2026-12-05T10:00:00Z',
    };
    const syncFile = { path: '_gleaner/library/id-1.json', blob: 'abc', articleId: 'id-1' };
    await seedAtVersion(name, SCHEMA_SYNC_VERSION, SCHEMA_SYNC, async (db) => {
      await db.table('articles').bulkAdd(articles);
      await db.table('tombstones').add(tombstone);
      await db.table('syncFiles').add(syncFile);
    });
    const db = new GleanerDB(name);
    await db.open();
    expect(db.verno).toBe(LATEST_SCHEMA_VERSION);
    expect(await db.articles.toArray()).toEqual(articles);
    expect(await db.tombstones.toArray()).toEqual([tombstone]);
    expect(await db.syncFiles.toArray()).toEqual([syncFile]);
    expect(await db.folders.count()).toBe(0);
    await db.delete();
  });
});

describe('v8 → v9 (2026-12-06, articles by update time)', () => {
  it('keeps every article, highlight and sync file, and finds the articles by updatedAt', async () => {
    const name = `migrate-${Math.random()}`;
    const articles = ferryArticles();
    const highlight = { id: 'h-1', articleId: articles[0]!.id, createdAt: '2026-12-05T10:00:00Z' };
    const syncFile = { path: '_gleaner/library/id-1.json', blob: 'abc', articleId: 'id-1' };
    await seedAtVersion(name, SCHEMA_FOLDERS_VERSION, SCHEMA_FOLDERS, async (db) => {
      await db.table('articles').bulkAdd(articles);
      await db.table('highlights').add(highlight);
      await db.table('syncFiles').add(syncFile);
    });
    const db = new GleanerDB(name);
    await db.open();
    expect(db.verno).toBe(LATEST_SCHEMA_VERSION);
    expect(await db.articles.toArray()).toEqual(articles);
    expect(await db.highlights.toArray()).toEqual([highlight]);
    expect(await db.syncFiles.toArray()).toEqual([syncFile]);
    const byTime = await db.articles.orderBy('updatedAt').primaryKeys();
    expect([...byTime].sort()).toEqual(articles.map((a) => a.id).sort());
    await db.delete();
  });
});

describe('v9 → v10 (2026-12-07, search texts for snippets)', () => {
  it('keeps every article and the index as they are; the indexer then writes each indexed text', async () => {
    const name = `migrate-${Math.random()}`;
    const articles = ferryArticles();
    const highlight = {
      id: 'h-1',
      articleId: 'id-2',
      createdAt: '2026-12-05T10:00:00Z',
      quote: 'ferry sails',
      note: 'on time',
    };
    await seedAtVersion(name, SCHEMA_ARTICLE_TIMES_VERSION, SCHEMA_ARTICLE_TIMES, async (old) => {
      await old.table('articles').bulkAdd(articles);
      await old.table('highlights').add(highlight);
    });
    const db = new GleanerDB(name);
    await db.open();
    expect(db.verno).toBe(LATEST_SCHEMA_VERSION);
    expect(await db.articles.toArray()).toEqual(articles);
    expect(await db.highlights.toArray()).toEqual([highlight]);
    expect(await db.searchTexts.count()).toBe(0);
    // The upgrade queues nothing: the index stays as it was, and search ready.
    expect(await db.searchQueue.count()).toBe(0);
    // (An index as v9 left it, built here from a queue, without the texts.)
    await db.searchQueue.bulkPut(articles.map((a) => ({ id: a.id })));
    while ((await indexQueued(db)) > 0);
    await db.searchTexts.clear();

    expect(await fillSearchTexts(db, 2)).toBe(2);
    expect(await fillSearchTexts(db, 2)).toBe(1);
    expect(await fillSearchTexts(db, 2)).toBe(0);
    const texts = await db.searchTexts.toArray();
    expect(texts.map((t) => t.id)).toEqual(['id-1', 'id-2', 'id-3']);
    expect(texts[0]).toEqual({
      id: 'id-1',
      title: articles[0]!.title,
      text: articles[0]!.text,
      notes: '',
    });
    expect(texts[1]?.notes).toBe('ferry sails\non time');
    // Search answered all along.
    const search = await StoredSearch.open(db);
    expect((await search.search('ferry')).length).toBe(3);
    await db.delete();
  });
});
