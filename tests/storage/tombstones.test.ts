import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { saveArticle } from '@/lib/storage/articles-repo';
import { GleanerDB } from '@/lib/storage/db';
import { deleteHighlight, restoreHighlight } from '@/lib/storage/highlights-repo';
import { deleteArticles, restoreBundles, retagArticles } from '@/lib/storage/library-repo';
import { storedArticle, storedHighlight } from '../library/support';
import { sampleClip } from '../support/article';

const NOW = new Date('2026-12-06T12:00:00Z');
let db: GleanerDB;

beforeEach(async () => {
  db = new GleanerDB(`tombstones-${Math.random()}`);
  await db.articles.bulkAdd([1, 2].map((n) => storedArticle(n)));
  await db.highlights.bulkAdd([storedHighlight('a-1', 1), storedHighlight('a-1', 2)]);
});

afterEach(async () => {
  await db.delete();
});

describe('tombstones', () => {
  it('a deleted article leaves one, and undo takes it back', async () => {
    const deleted = await deleteArticles(db, ['a-1'], NOW);
    expect(await db.tombstones.toArray()).toEqual([
      { id: 'a-1', kind: 'article', articleId: 'a-1', deletedAt: '2026-12-06T12:00:00.000Z' },
    ]);
    await restoreBundles(db, deleted, '2026-12-06T12:01:00+00:00');
    expect(await db.tombstones.count()).toBe(0);
  });

  it('an undone article merged into the page saved again stays deleted under its own id', async () => {
    const deleted = await deleteArticles(db, ['a-1'], NOW);
    await db.articles.add(storedArticle(1, { id: 'again' }));
    await restoreBundles(db, deleted, '2026-12-06T12:01:00+00:00');
    expect((await db.tombstones.toArray()).map((t) => t.id)).toEqual(['a-1']);
  });

  it('a deleted highlight leaves one, and undo takes it back', async () => {
    const gone = await deleteHighlight(db, 'a-1-h1', NOW);
    expect(await db.tombstones.get('a-1-h1')).toEqual({
      id: 'a-1-h1',
      kind: 'highlight',
      articleId: 'a-1',
      deletedAt: '2026-12-06T12:00:00.000Z',
    });
    await restoreHighlight(db, gone!);
    expect(await db.tombstones.count()).toBe(0);
  });
});

describe('field times', () => {
  it('a retag dates the tags, and the other parts keep their time', async () => {
    await retagArticles(db, ['a-2'], { add: ['new'], remove: [] }, '2026-12-06T12:00:00+00:00');
    const article = await db.articles.get('a-2');
    expect(article?.updatedAt).toBe('2026-12-06T12:00:00+00:00');
    // Before: everything at updatedAt (2026-11-25); now only the tags moved.
    expect(article && 'fieldTimes' in article ? article.fieldTimes : null).toEqual({
      content: '2026-11-25T10:00:00+00:00',
      categories: '2026-11-25T10:00:00+00:00',
    });
  });

  it('saving a page again dates its text, and its tags only when they changed', async () => {
    const clip = sampleClip({
      canonicalUrl: 'https://news.example/9',
      url: 'https://news.example/9',
    });
    await saveArticle(db, clip, ['x'], '2026-12-01T00:00:00+00:00', () => 'n-9');
    await saveArticle(db, clip, ['x'], '2026-12-02T00:00:00+00:00');
    const same = await db.articles.get('n-9');
    expect(same && 'fieldTimes' in same ? same.fieldTimes : null).toEqual({
      tags: '2026-12-01T00:00:00+00:00',
      categories: '2026-12-01T00:00:00+00:00',
    });
    await saveArticle(db, clip, ['x', 'y'], '2026-12-03T00:00:00+00:00');
    const retagged = await db.articles.get('n-9');
    expect(retagged && 'fieldTimes' in retagged ? retagged.fieldTimes : null).toEqual({
      categories: '2026-12-01T00:00:00+00:00',
    });
  });
});
