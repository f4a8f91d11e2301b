import { describe, expect, it } from 'vitest';
import { GleanerDB } from '@/lib/storage/db';
import {
  collectReleasedImages,
  getImages,
  keepImage,
  RELEASED_IMAGE_GRACE_MS,
} from '@/lib/storage/images-repo';
import { deleteArticles, restoreBundles } from '@/lib/storage/library-repo';
import { storedArticle } from '../library/support';

const png = (text: string) => new Blob([text], { type: 'image/png' });

async function freshDb() {
  const db = new GleanerDB(`images-${Math.random()}`);
  await db.open();
  return db;
}

describe('images repository', () => {
  it('stores the same bytes once for every article that uses them', async () => {
    const db = await freshDb();
    expect(await keepImage(db, 'a-1', { hash: 'h1', blob: png('one'), type: 'image/png' })).toEqual(
      { created: true },
    );
    expect(await keepImage(db, 'a-2', { hash: 'h1', blob: png('one'), type: 'image/png' })).toEqual(
      { created: false },
    );
    await keepImage(db, 'a-2', { hash: 'h1', blob: png('one'), type: 'image/png' });
    expect(await db.images.count()).toBe(1);
    expect((await db.images.get('h1'))?.articleIds).toEqual(['a-1', 'a-2']);
    await db.delete();
  });

  it('a delete frees only images no other article uses; undo brings them back', async () => {
    const db = await freshDb();
    const one = storedArticle(1, { images: [{ url: 'https://x/s.png', alt: '', hash: 'shared' }] });
    const two = storedArticle(2, {
      images: [
        { url: 'https://x/s.png', alt: '', hash: 'shared' },
        { url: 'https://x/o.png', alt: '', hash: 'own' },
      ],
    });
    await db.articles.bulkAdd([one, two]);
    await keepImage(db, one.id, { hash: 'shared', blob: png('s'), type: 'image/png' });
    await keepImage(db, two.id, { hash: 'shared', blob: png('s'), type: 'image/png' });
    await keepImage(db, two.id, { hash: 'own', blob: png('o'), type: 'image/png' });

    const deletedAt = new Date('2026-12-06T10:00:00Z');
    const bundles = await deleteArticles(db, [two.id], deletedAt);
    expect((await db.images.get('shared'))?.articleIds).toEqual([one.id]);
    expect((await db.images.get('own'))?.releasedAt).toBe(deletedAt.toISOString());
    // Within the undo time nothing is collected.
    expect(await collectReleasedImages(db, new Date(deletedAt.getTime() + 1000))).toBe(0);

    await restoreBundles(db, bundles, '2026-12-06T10:00:05+00:00');
    const own = await db.images.get('own');
    expect(own?.articleIds).toEqual([two.id]);
    expect(own?.releasedAt).toBeUndefined();
    expect((await db.images.get('shared'))?.articleIds.sort()).toEqual([one.id, two.id]);

    await deleteArticles(db, [two.id], deletedAt);
    const later = new Date(deletedAt.getTime() + RELEASED_IMAGE_GRACE_MS + 1);
    expect(await collectReleasedImages(db, later)).toBe(1);
    expect([...(await getImages(db, ['own', 'shared'])).keys()]).toEqual(['shared']);
    await db.delete();
  });
});
