import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GleanerDB } from '@/lib/storage/db';
import { countByKey, whereAnyOf } from '@/lib/storage/where-any-of';
import { storedArticle, storedHighlight } from '../library/support';

let db: GleanerDB;

beforeEach(async () => {
  db = new GleanerDB(`where-any-of-${Math.random()}`);
  await db.articles.bulkAdd([3, 1, 12, 2].map((n) => storedArticle(n)));
  // Highlight ids that do not sort as their articles do, and three on one article.
  await db.highlights.bulkAdd([
    storedHighlight('a-2', 9),
    storedHighlight('a-12', 1),
    storedHighlight('a-1', 5),
    storedHighlight('a-1', 2),
    storedHighlight('a-1', 7),
  ]);
});

afterEach(async () => {
  await db.delete();
});

describe('whereAnyOf', () => {
  it("gives the rows in the order of Dexie's anyOf: by key, then primary key", async () => {
    const ids = ['a-2', 'a-1', 'a-12', 'a-missing', 'a-1'];
    const expected = await db.highlights.where('articleId').anyOf(ids).toArray();
    const got = await whereAnyOf(db.highlights, 'articleId', ids);
    expect(got).toEqual(expected);
    expect(got.map((h) => h.id)).toEqual(['a-1-h2', 'a-1-h5', 'a-1-h7', 'a-12-h1', 'a-2-h9']);
  });

  it('finds articles by URL key, inside a transaction, and nothing for no keys', async () => {
    const keys = [storedArticle(12).urlKey, 'https://nowhere.example/', storedArticle(3).urlKey];
    const found = await db.transaction('r', db.articles, () =>
      whereAnyOf(db.articles, 'urlKey', keys),
    );
    expect(found.map((a) => a.id)).toEqual(
      (await db.articles.where('urlKey').anyOf(keys).toArray()).map((a) => a.id),
    );
    expect(found).toHaveLength(2);
    expect(await whereAnyOf(db.articles, 'urlKey', [])).toEqual([]);
  });
});

describe('countByKey', () => {
  it('counts the rows of each key, leaving out keys with none', async () => {
    const counts = await countByKey(db.highlights, 'articleId', ['a-1', 'a-3', 'a-12', 'a-1']);
    expect([...counts]).toEqual([
      ['a-1', 3],
      ['a-12', 1],
    ]);
  });
});
