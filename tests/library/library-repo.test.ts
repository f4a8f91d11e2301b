import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHandlers, dispatch } from '@/lib/messaging/handlers';
import { parseRequest } from '@/lib/messaging/protocol';
import { IMPORT_INDEX_HOLD_MS } from '@/lib/messaging/library-handlers';
import { GleanerDB } from '@/lib/storage/db';
import {
  deleteArticles,
  getBundles,
  importRecords,
  listEntries,
  renameTag,
  restoreBundles,
  retagArticles,
} from '@/lib/storage/library-repo';
import { storedArticle, storedHighlight } from './support';
import { cardOf } from '@/lib/library/cards';
import { indexQueued } from '@/lib/storage/search-indexer';

const NOW = '2026-12-01T09:00:00+00:00';
let db: GleanerDB;

beforeEach(async () => {
  db = new GleanerDB(`library-${Math.random()}`);
  await db.articles.bulkAdd([1, 2, 3, 4].map((n) => storedArticle(n)));
  await db.highlights.bulkAdd([
    storedHighlight('a-1', 1),
    storedHighlight('a-1', 2),
    storedHighlight('a-3', 1),
  ]);
});

afterEach(async () => {
  await db.delete();
});

describe('listing', () => {
  it('pages through articles newest saved first, with highlight counts', async () => {
    const first = await listEntries(db, { offset: 0, limit: 2, withText: false });
    expect(first.total).toBe(4);
    expect(first.entries.map((e) => e.card.id)).toEqual(['a-4', 'a-3']);
    expect(first.entries[1]!.card.highlightCount).toBe(1);
    expect(first.entries[0]!.search).toBeUndefined();
    const rest = await listEntries(db, { offset: 2, limit: 10, withText: true });
    expect(rest.entries.map((e) => e.card.id)).toEqual(['a-2', 'a-1']);
    expect(rest.entries[1]!.card.highlightCount).toBe(2);
    expect(rest.entries[1]!.search!.notes).toBe('quote 1\nnote 1\nquote 2');
  });

  it('lists the index’s cards where they are current, the articles’ where a change waits', async () => {
    const fromArticles = async () => {
      const bundles = await getBundles(db, ['a-4', 'a-3', 'a-2', 'a-1']);
      return bundles.map((b) => cardOf(b.article, b.highlights.length));
    };
    const listed = async () =>
      (await listEntries(db, { offset: 0, limit: 10, withText: false })).entries.map((e) => e.card);
    // Not indexed yet: every card is made from its article.
    expect(await listed()).toEqual(await fromArticles());
    await db.searchQueue.bulkPut(['a-1', 'a-2', 'a-3', 'a-4'].map((id) => ({ id })));
    while ((await indexQueued(db)) > 0);
    // Indexed: the index's copy is read (a copy changed behind the indexer's back shows).
    await db.searchDocs.update('a-2', { 'card.title': 'as the index has it' });
    expect((await listed()).find((card) => card.id === 'a-2')?.title).toBe('as the index has it');
    // A retag and a new highlight wait in the queue: those two come from the articles.
    await retagArticles(db, ['a-4'], { add: ['新'], remove: [] }, NOW);
    await db.transaction('rw', db.highlights, db.searchQueue, async () => {
      await db.highlights.add(storedHighlight('a-3', 9));
      await db.searchQueue.put({ id: 'a-3' });
    });
    const cards = await listed();
    const expected = await fromArticles();
    expect(cards.find((c) => c.id === 'a-4')).toEqual(expected.find((c) => c.id === 'a-4'));
    expect(cards.find((c) => c.id === 'a-4')?.tags).toContain('新');
    expect(cards.find((c) => c.id === 'a-3')?.highlightCount).toBe(2);
    // Once indexed again, the index's copies equal the articles' own cards.
    while ((await indexQueued(db)) > 0);
    await db.searchQueue.put({ id: 'a-2' });
    while ((await indexQueued(db)) > 0);
    expect(await listed()).toEqual(await fromArticles());
  });

  it('gives bundles in the order asked, skipping missing ones', async () => {
    const bundles = await getBundles(db, ['a-3', 'nope', 'a-1']);
    expect(bundles.map((b) => [b.article.id, b.highlights.length])).toEqual([
      ['a-3', 1],
      ['a-1', 2],
    ]);
  });
});

describe('tags', () => {
  it('adds and removes tags on many articles at once', async () => {
    const changed = await retagArticles(
      db,
      ['a-1', 'a-2'],
      { add: ['机器学习', 'T1'], remove: ['t2'] },
      NOW,
    );
    expect(changed).toBe(2);
    expect((await db.articles.get('a-1'))!.tags).toEqual(['t1', '机器学习']);
    expect((await db.articles.get('a-2'))!.tags).toEqual(['机器学习', 'T1']);
    expect((await db.articles.get('a-2'))!.updatedAt).toBe(NOW);
    expect((await db.articles.get('a-3'))!.updatedAt).not.toBe(NOW);
  });

  it('renames a tag everywhere, merging into the new name where both exist', async () => {
    await db.articles.update('a-3', { tags: ['t0', 'news'] });
    expect(await renameTag(db, 't0', 'news', NOW)).toBe(1);
    expect((await db.articles.get('a-3'))!.tags).toEqual(['news']);
    expect(await db.articles.where('tags').equals('t0').count()).toBe(0);
    expect(await renameTag(db, 'T1', 'first', NOW)).toBe(2);
    expect((await db.articles.get('a-4'))!.tags).toEqual(['first']);
  });
});

describe('delete and undo', () => {
  it('deletes articles with their highlights, and undo brings both back as they were', async () => {
    const before = await getBundles(db, ['a-1', 'a-3']);
    const deleted = await deleteArticles(db, ['a-1', 'a-3']);
    expect(deleted).toEqual(before);
    expect(await db.articles.count()).toBe(2);
    expect(await db.highlights.count()).toBe(0);

    const deletedAt = (await db.tombstones.get('a-1'))?.deletedAt ?? '';
    expect(await restoreBundles(db, deleted, NOW)).toBe(2);
    const back = await getBundles(db, ['a-1', 'a-3']);
    const withoutMark = back.map(({ article, highlights }) => {
      const { restoredAt, ...rest } = article;
      // Marked as put back after the deletion it undoes (this clock, NOW, reads earlier than it).
      expect(Date.parse(restoredAt ?? '')).toBeGreaterThan(Date.parse(deletedAt));
      return { article: rest, highlights };
    });
    expect(withoutMark).toEqual(before);
    expect(await db.tombstones.count()).toBe(0);
    expect(await db.highlights.count()).toBe(3);
  });

  it('merges an undone article into the same page saved again meanwhile', async () => {
    const [deleted] = await deleteArticles(db, ['a-1']);
    await db.articles.add(storedArticle(1, { id: 'again', tags: ['fresh'] }));
    await restoreBundles(db, [deleted!], NOW);
    const again = await getBundles(db, ['again']);
    expect(again[0]!.article.tags).toEqual(['fresh', 't1']);
    expect(again[0]!.highlights.map((h) => h.quote)).toEqual(['quote 1', 'quote 2']);
    expect(await db.articles.get('a-1')).toBeUndefined();
  });
});

describe('import', () => {
  const incoming = (n: number, overrides = {}) => {
    const { id, urlKey, ...article } = storedArticle(n, overrides);
    void [id, urlKey];
    return article;
  };

  it('creates new articles with new ids, keeping their highlights', async () => {
    let next = 0;
    const outcomes = await importRecords(
      db,
      [{ article: incoming(9), highlights: [storedHighlight('x', 1)] }],
      NOW,
      { newId: () => `new-${++next}` },
    );
    expect(outcomes).toEqual([{ status: 'created', id: 'new-1' }]);
    const [bundle] = await getBundles(db, ['new-1']);
    expect(bundle!.article.urlKey).toBe('news.example/9');
    expect(bundle!.highlights).toEqual([
      { ...storedHighlight('x', 1), id: 'new-2', articleId: 'new-1' },
    ]);
  });

  it('merges an article saved under the same URL instead of doubling it', async () => {
    const outcomes = await importRecords(
      db,
      [
        {
          article: incoming(1, {
            url: 'http://www.news.example/1/?utm_source=x',
            tags: ['imported', 'T1'],
            categories: ['36ke'],
          }),
          highlights: [
            storedHighlight('x', 1, { note: 'ignored: the saved one has a note' }),
            storedHighlight('x', 2, { note: 'filled in' }),
            storedHighlight('x', 5),
          ],
        },
      ],
      NOW,
    );
    expect(outcomes).toEqual([{ status: 'merged', id: 'a-1' }]);
    expect(await db.articles.count()).toBe(4);
    const [bundle] = await getBundles(db, ['a-1']);
    expect(bundle!.article.tags).toEqual(['t1', 'imported']);
    expect(bundle!.article.categories).toEqual(['36ke']);
    expect(bundle!.highlights.map((h) => [h.quote, h.note])).toEqual([
      ['quote 1', 'note 1'],
      ['quote 2', 'filled in'],
      ['quote 5', 'note 5'],
    ]);
  });

  it('merges records of one batch that share a URL, as if written one by one', async () => {
    let next = 0;
    const outcomes = await importRecords(
      db,
      [
        { article: incoming(9, { tags: ['a'] }), highlights: [storedHighlight('x', 1)] },
        {
          article: incoming(9, { url: 'http://news.example/9?utm_medium=y', tags: ['b'] }),
          highlights: [storedHighlight('x', 1), storedHighlight('x', 2)],
        },
        { article: incoming(9, { tags: ['B'] }), highlights: [] },
      ],
      NOW,
      { newId: () => `new-${++next}` },
    );
    expect(outcomes).toEqual([
      { status: 'created', id: 'new-1' },
      { status: 'merged', id: 'new-1' },
      { status: 'unchanged', id: 'new-1' },
    ]);
    const [bundle] = await getBundles(db, ['new-1']);
    expect(bundle!.article.tags).toEqual(['a', 'b']);
    expect(bundle!.highlights.map((h) => h.quote)).toEqual(['quote 1', 'quote 2']);
    expect(await db.articles.where('urlKey').equals('news.example/9').count()).toBe(1);
  });

  it('keeps asked-for ids unless taken, also by an earlier record of the batch', async () => {
    let next = 0;
    const outcomes = await importRecords(
      db,
      [
        { article: { ...incoming(8), id: 'a-1' }, highlights: [] },
        { article: { ...incoming(9), id: 'kept' }, highlights: [storedHighlight('a-1', 1)] },
        { article: { ...incoming(10), id: 'kept' }, highlights: [] },
      ],
      NOW,
      { keepIds: true, newId: () => `new-${++next}` },
    );
    // a-1 and the highlight's id are taken in the database, `kept` by the second record.
    expect(outcomes.map((o) => (o.status === 'failed' ? o.reason : o.id))).toEqual([
      'new-1',
      'kept',
      'new-3',
    ]);
    expect((await db.highlights.where('articleId').equals('kept').first())!.id).toBe('new-2');
  });

  it('reports an import of what is already there as unchanged', async () => {
    const [bundle] = await getBundles(db, ['a-1']);
    const outcomes = await importRecords(db, [bundle!], NOW);
    expect(outcomes).toEqual([{ status: 'unchanged', id: 'a-1' }]);
    expect(await db.highlights.count()).toBe(3);
  });

  it('skips a record that cannot be written and keeps nothing partial of it', async () => {
    const outcomes = await importRecords(
      db,
      [
        { article: incoming(7), highlights: [] },
        // Something IndexedDB cannot store (a function cannot be cloned) fails this record only.
        { article: { ...incoming(8), excerpt: (() => 1) as unknown as string }, highlights: [] },
        { article: incoming(9), highlights: [storedHighlight('x', 1)] },
      ],
      NOW,
    );
    expect(outcomes.map((o) => o.status)).toEqual(['created', 'failed', 'created']);
    expect(await db.articles.count()).toBe(6);
    expect(await db.articles.where('urlKey').equals('news.example/8').count()).toBe(0);
  });
});

describe('wiring', () => {
  it('validates library requests and answers them through createHandlers', async () => {
    const handlers = createHandlers({
      db,
      extractFromTab: async () => ({ ok: false, error: { code: 'no-article', message: '' } }),
      now: () => new Date('2026-12-01T09:00:00Z'),
    } as Parameters<typeof createHandlers>[0]);
    const request = parseRequest({ type: 'library:retag', ids: ['a-4'], add: ['x'], remove: [] });
    expect(request).not.toBeNull();
    expect(await dispatch(handlers, request!)).toEqual({ ok: true, value: { changed: 1 } });
    expect(parseRequest({ type: 'library:entries', offset: -1, limit: 5, withText: false })).toBe(
      null,
    );
    const deleted = await dispatch(
      handlers,
      parseRequest({ type: 'library:delete', ids: ['a-1'] })!,
    );
    expect(deleted.ok).toBe(true);
    const restore = parseRequest({
      type: 'library:restore',
      bundles: deleted.ok ? deleted.value : [],
    });
    expect(await dispatch(handlers, restore!)).toEqual({ ok: true, value: { restored: 1 } });
  });

  it('holds the indexer for an import the page writes itself', async () => {
    const holds: number[] = [];
    const handlers = createHandlers({
      db,
      extractFromTab: async () => ({ ok: false, error: { code: 'no-article', message: '' } }),
      now: () => new Date('2026-12-01T09:00:00Z'),
      holdIndexer: (ms: number) => holds.push(ms),
    } as Parameters<typeof createHandlers>[0]);
    const hold = parseRequest({ type: 'library:import-hold' });
    expect(await dispatch(handlers, hold!)).toEqual({ ok: true, value: null });
    expect(holds).toEqual([IMPORT_INDEX_HOLD_MS]);
  });
});
