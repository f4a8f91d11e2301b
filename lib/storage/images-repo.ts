/**
 * Image bytes in their own table, keyed by content hash: the same picture in two articles is
 * stored once. An image lives while an article uses it; when the last one is deleted it is
 * released, and collected later so that undoing the delete brings it back.
 */
import type { ArticleImage, StoredImage } from '../model';
import type { GleanerDB } from './db';

/** How long a released image waits for an undo before it is deleted. */
export const RELEASED_IMAGE_GRACE_MS = 60 * 60 * 1000;

export interface ImageBytes {
  hash: string;
  blob: Blob;
  type: string;
}

/** Stores the bytes (once per hash) and records that `articleId` uses them. */
export async function keepImage(
  db: GleanerDB,
  articleId: string,
  image: ImageBytes,
): Promise<{ created: boolean }> {
  return db.transaction('rw', db.images, async () => {
    const existing = await db.images.get(image.hash);
    if (existing) {
      const articleIds = existing.articleIds.includes(articleId)
        ? existing.articleIds
        : [...existing.articleIds, articleId];
      await db.images.put({ ...withoutRelease(existing), articleIds });
      return { created: false };
    }
    await db.images.add({
      hash: image.hash,
      blob: image.blob,
      type: image.type,
      bytes: image.blob.size,
      articleIds: [articleId],
    });
    return { created: true };
  });
}

function withoutRelease(image: StoredImage): StoredImage {
  const kept = { ...image };
  delete kept.releasedAt;
  return kept;
}

/**
 * Lets go of every image the articles use (their delete); an image no other article uses is
 * marked released now. Call inside the delete's transaction so both happen or neither.
 */
export async function releaseImages(
  db: GleanerDB,
  articleIds: readonly string[],
  now: Date,
): Promise<void> {
  // UTC, so that release times compare as strings.
  const releasedAt = now.toISOString();
  const leaving = new Set(articleIds);
  const used = await db.images
    .where('articleIds')
    .anyOf([...leaving])
    .toArray();
  for (const image of used) {
    const articleIds = image.articleIds.filter((id) => !leaving.has(id));
    await db.images.put(
      articleIds.length ? { ...image, articleIds } : { ...image, articleIds, releasedAt },
    );
  }
}

/** Records that the article uses these stored images again (its undo or import); unknown hashes are skipped. */
export async function relinkImages(
  db: GleanerDB,
  articleId: string,
  images: readonly ArticleImage[] | undefined,
): Promise<number> {
  const hashes = [...new Set((images ?? []).flatMap((image) => image.hash ?? []))];
  if (!hashes.length) return 0;
  let linked = 0;
  await db.transaction('rw', db.images, async () => {
    for (const stored of await db.images.bulkGet(hashes)) {
      if (!stored) continue;
      linked++;
      if (stored.articleIds.includes(articleId) && !stored.releasedAt) continue;
      const articleIds = [...new Set([...stored.articleIds, articleId])];
      await db.images.put({ ...withoutRelease(stored), articleIds });
    }
  });
  return linked;
}

/** Deletes the images released more than the grace period before `now`; returns how many. */
export async function collectReleasedImages(
  db: GleanerDB,
  now: Date,
  graceMs = RELEASED_IMAGE_GRACE_MS,
): Promise<number> {
  const before = new Date(now.getTime() - graceMs).toISOString();
  return db.images.where('releasedAt').below(before).delete();
}

/** The stored images among `hashes` (for display and export). */
export async function getImages(
  db: GleanerDB,
  hashes: readonly string[],
): Promise<Map<string, StoredImage>> {
  const found = await db.images.bulkGet([...new Set(hashes)]);
  return new Map(found.flatMap((image) => (image ? [[image.hash, image] as const] : [])));
}

/**
 * Records the article's images after a capture: its `images` list, and the stored images it no
 * longer uses are let go. An article deleted while its images were fetched keeps nothing.
 */
export async function setArticleImages(
  db: GleanerDB,
  articleId: string,
  images: ArticleImage[],
  now: Date,
): Promise<boolean> {
  return db.transaction('rw', db.articles, db.images, async () => {
    const article = await db.articles.get(articleId);
    const keep = new Set(article ? images.flatMap((image) => image.hash ?? []) : []);
    const linked = await db.images.where('articleIds').equals(articleId).toArray();
    const dropped = linked.filter((image) => !keep.has(image.hash)).map((image) => image.hash);
    await unlinkImages(db, articleId, dropped, now);
    if (!article) return false;
    await db.articles.update(articleId, { images });
    return true;
  });
}

async function unlinkImages(
  db: GleanerDB,
  articleId: string,
  hashes: readonly string[],
  now: Date,
): Promise<void> {
  for (const image of await db.images.bulkGet([...hashes])) {
    if (!image) continue;
    const articleIds = image.articleIds.filter((id) => id !== articleId);
    await db.images.put(
      articleIds.length
        ? { ...image, articleIds }
        : { ...image, articleIds, releasedAt: now.toISOString() },
    );
  }
}
