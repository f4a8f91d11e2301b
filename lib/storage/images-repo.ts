/**
 * Image bytes in their own table, keyed by content hash: the same picture in two articles is
 * stored once. An image lives while an article uses it; when the last one is deleted it is
 * released, and collected later so that undoing the delete brings it back.
 */
import type { ArticleImage, StoredImage } from '../model';
import { GleanerDB } from './db';

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

/** The stored MIME type of each kept image of the article, by hash (what an export names them by). */
export async function imageTypesFor(
  db: GleanerDB,
  images: readonly ArticleImage[] | undefined,
): Promise<Map<string, string>> {
  const hashes = (images ?? []).flatMap((image) => image.hash ?? []);
  if (!hashes.length) return new Map();
  const stored = await getImages(db, hashes);
  return new Map([...stored].map(([hash, image]) => [hash, image.type]));
}

/**
 * `imageTypesFor` from an extension page, which opens the library read-only for it; no types
 * (the images then stay remote links) when the library cannot be read there.
 */
export async function imageTypesInLibrary(
  images: readonly ArticleImage[] | undefined,
): Promise<Map<string, string>> {
  if (!images?.some((image) => image.hash)) return new Map();
  const db = new GleanerDB();
  try {
    return await imageTypesFor(db, images);
  } catch {
    return new Map();
  } finally {
    db.close();
  }
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

/** Image bytes an import brings, and the imported articles that use them. */
export interface IncomingImage extends ImageBytes {
  articleIds: string[];
}

/**
 * Stores imported images in one transaction (all of them, or none: a quota error leaves the
 * articles with their remote images). Each is linked to those of `articleIds` whose article lists
 * its hash (an article merged into one saved before keeps that one's images); an image no such
 * article uses is not stored. Bytes already stored are kept, and gain the articles.
 */
export async function storeImportedImages(
  db: GleanerDB,
  images: readonly IncomingImage[],
): Promise<{ stored: number; unused: string[] }> {
  return db.transaction('rw', db.articles, db.images, async () => {
    const ids = [...new Set(images.flatMap((image) => image.articleIds))];
    const articles = await db.articles.bulkGet(ids);
    /** `articleId hash` of each image the articles list as kept. */
    const uses = new Set<string>();
    for (const article of articles) {
      for (const image of article?.images ?? []) {
        if (article && image.hash) uses.add(`${article.id} ${image.hash}`);
      }
    }
    let stored = 0;
    const unused: string[] = [];
    const known = new Map(
      (await db.images.bulkGet(images.map((image) => image.hash))).flatMap((image) =>
        image ? [[image.hash, image] as const] : [],
      ),
    );
    for (const image of images) {
      const users = image.articleIds.filter((id) => uses.has(`${id} ${image.hash}`));
      if (!users.length) {
        unused.push(image.hash);
        continue;
      }
      const existing = known.get(image.hash);
      const record: StoredImage = existing
        ? {
            ...withoutRelease(existing),
            articleIds: [...new Set([...existing.articleIds, ...users])],
          }
        : {
            hash: image.hash,
            blob: image.blob,
            type: image.type,
            bytes: image.blob.size,
            articleIds: [...new Set(users)],
          };
      await db.images.put(record);
      known.set(image.hash, record);
      stored++;
    }
    return { stored, unused };
  });
}
