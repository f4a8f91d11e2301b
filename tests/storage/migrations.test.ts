import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { GleanerDB } from '@/lib/storage/db';
import { SCHEMA_V1, SCHEMA_V2 } from '@/lib/storage/schema';
import { sampleClip } from '../support/article';

/** Opens a raw database at an old version, seeds it, then opens the real one over it. */
async function seedAtVersion(
  name: string,
  version: number,
  stores: Record<string, string>,
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
    expect(db.verno).toBeGreaterThanOrEqual(2);
    expect(await db.articles.toArray()).toEqual(articles);
    expect(await db.articles.where('tags').equals('shared').count()).toBe(3);
    expect(await db.highlights.count()).toBe(0);
    await db.delete();
  });

  it('v2 → v3 (2026-12-06) keeps articles and highlights and adds an empty publish queue', async () => {
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
    expect(db.verno).toBe(3);
    expect(await db.articles.toArray()).toEqual([article]);
    expect(await db.highlights.toArray()).toEqual([highlight]);
    expect(await db.publishQueue.count()).toBe(0);
    expect(await db.published.count()).toBe(0);
    await db.delete();
  });
});
