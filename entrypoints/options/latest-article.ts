import { postImagesOf, type PostImage } from '@/lib/export/post-images';
import type { Article, Highlight } from '@/lib/model';
import { GleanerDB } from '@/lib/storage/db';
import { getImages } from '@/lib/storage/images-repo';

export interface LatestArticle {
  article: Article;
  highlights: Highlight[];
  /** Its kept images, named as an export names them. */
  images: PostImage[];
  /** A blob URL of each kept image's stored bytes, by hash: the preview shows them offline. */
  imageUrls: Map<string, string>;
}

/**
 * The most recently saved article, its highlights and kept images, for the template preview; null
 * when the library is empty or cannot be read (the preview then uses the built-in sample).
 * Read-only.
 */
export async function loadLatestArticle(): Promise<LatestArticle | null> {
  const db = new GleanerDB();
  try {
    // `savedAt` strings carry offsets, so the index order is nearly, not exactly, time order.
    const recent = await db.articles.orderBy('savedAt').reverse().limit(20).toArray();
    const article = recent.sort((a, b) => Date.parse(b.savedAt) - Date.parse(a.savedAt))[0];
    if (!article) return null;
    const highlights = await db.highlights.where('articleId').equals(article.id).toArray();
    const stored = await getImages(
      db,
      (article.images ?? []).flatMap((image) => image.hash ?? []),
    );
    const types = new Map([...stored].map(([hash, image]) => [hash, image.type]));
    const imageUrls = new Map(
      [...stored].map(([hash, image]) => [hash, URL.createObjectURL(image.blob)]),
    );
    return { article, highlights, images: postImagesOf(article.images, types), imageUrls };
  } catch (error) {
    console.warn('Gleaner: no saved article for the preview.', error);
    return null;
  } finally {
    db.close();
  }
}
