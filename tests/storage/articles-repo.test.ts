import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  findSavedArticle,
  listTags,
  normalizeTags,
  saveArticle,
} from '@/lib/storage/articles-repo';
import { GleanerDB } from '@/lib/storage/db';
import { listEntries } from '@/lib/storage/library-repo';
import { sampleClip } from '../support/article';

let db: GleanerDB;

beforeEach(() => {
  db = new GleanerDB(`test-${Math.random()}`);
});

afterEach(async () => {
  await db.delete();
});

describe('saveArticle', () => {
  it('stores a new article with its tags', async () => {
    const { article, created } = await saveArticle(
      db,
      sampleClip(),
      ['36氪新闻'],
      '2026-11-25T10:00:00+00:00',
    );
    expect(created).toBe(true);
    expect(article.tags).toEqual(['36氪新闻']);
    expect(await db.articles.count()).toBe(1);
    expect((await db.articles.get(article.id))?.savedAt).toBe('2026-11-25T10:00:00+00:00');
  });

  it('lists articles saved in the same second newest first (ids follow time)', async () => {
    const sameSecond = '2026-11-25T10:00:00+00:00';
    const titles: string[] = [];
    for (let i = 0; i < 5; i++) {
      const clip = sampleClip();
      const title = `Article ${i}`;
      titles.push(title);
      const url = `https://news.example.com/story-${i}`;
      await saveArticle(db, { ...clip, title, url, canonicalUrl: url }, [], sameSecond);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    const { entries } = await listEntries(db, { offset: 0, limit: 10, withText: false });
    expect(entries.map((entry) => entry.card.title)).toEqual([...titles].reverse());
  });

  it('updates the same page on a second save instead of adding it again', async () => {
    const first = await saveArticle(db, sampleClip(), ['a'], '2026-11-25T10:00:00+00:00');
    const second = await saveArticle(
      db,
      sampleClip({ title: 'New title', url: 'http://127.0.0.1:9999/other-path' }),
      ['b'],
      '2026-11-26T10:00:00+00:00',
    );
    expect(second.created).toBe(false);
    expect(second.article.id).toBe(first.article.id);
    expect(second.article.savedAt).toBe('2026-11-25T10:00:00+00:00');
    expect(second.article.updatedAt).toBe('2026-11-26T10:00:00+00:00');
    expect(await db.articles.count()).toBe(1);
    expect((await db.articles.get(first.article.id))?.title).toBe('New title');
  });

  it('keeps one article when two saves of the same URL race', async () => {
    await Promise.all([
      saveArticle(db, sampleClip(), ['a'], '2026-11-25T10:00:00+00:00'),
      saveArticle(db, sampleClip(), ['b'], '2026-11-25T10:00:01+00:00'),
    ]);
    expect(await db.articles.count()).toBe(1);
  });

  it('finds an article by its canonical URL in any form, not by another URL', async () => {
    await saveArticle(db, sampleClip(), [], '2026-11-25T10:00:00+00:00');
    expect(
      await findSavedArticle(db, [
        'https://finews.zning.xyz/html_News/NewsShare.html?infoCode=NW202201122245569511',
      ]),
    ).toBeDefined();
    expect(
      await findSavedArticle(db, ['http://127.0.0.1:8080/pages/eastmoney-36kr-wecom.html']),
    ).toBeUndefined();
    expect(await findSavedArticle(db, ['https://elsewhere.example/'])).toBeUndefined();
  });
});

describe('tags', () => {
  it('normalises what the user typed', () => {
    expect(normalizeTags([' 36氪新闻 ', '', 'AI', 'ai', 'machine   learning'])).toEqual([
      '36氪新闻',
      'AI',
      'machine learning',
    ]);
  });

  it('lists the library tags, most used first', async () => {
    await saveArticle(
      db,
      sampleClip({ canonicalUrl: 'https://a.example/1' }),
      ['news', 'tech'],
      '2026-11-25T10:00:00+00:00',
    );
    await saveArticle(
      db,
      sampleClip({ canonicalUrl: 'https://a.example/2' }),
      ['tech'],
      '2026-11-25T10:00:00+00:00',
    );
    expect(await listTags(db)).toEqual(['tech', 'news']);
  });
});
