import { postImagesOf, type PostImage } from '@/lib/export/post-images';
import { loadShownImages, type ShownImages } from '@/lib/storage/show-stored-images';
import type { ImageStatus } from '@/lib/assets/image-status';
import { sendRequest } from '@/lib/messaging/client';
import type { Article } from '@/lib/model';
import { GleanerDB } from '@/lib/storage/db';
import { getImages } from '@/lib/storage/images-repo';

const POLL_MS = 300;

/**
 * Follows the image capture of a just-saved article until it ends, reporting each step; returns
 * the article as stored afterwards (with its images), or null when there is none to show.
 */
export async function followImages(
  articleId: string,
  report: (status: ImageStatus) => void,
): Promise<Article | null> {
  for (;;) {
    const status = await sendRequest({ type: 'images:status', articleId });
    if (!status.ok) return null;
    report(status.value);
    if (status.value.state !== 'saving') break;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  const found = await sendRequest({ type: 'library:bundles', ids: [articleId] });
  return found.ok ? (found.value[0]?.article ?? null) : null;
}

/** The saved article's kept images as blob URLs, read from the library (read-only). */
export async function loadPreviewImages(article: Article): Promise<ShownImages> {
  if (!article.images?.some((image) => image.hash)) return new Map();
  const db = new GleanerDB();
  try {
    return await loadShownImages(db, article.images);
  } finally {
    db.close();
  }
}

/** The saved article's kept images for an export: named, with their bytes (read-only). */
export async function loadExportImages(
  article: Article | null,
): Promise<{ images: PostImage[]; blobs: Map<string, Blob> }> {
  const hashes = (article?.images ?? []).flatMap((image) => image.hash ?? []);
  if (!hashes.length) return { images: [], blobs: new Map() };
  const db = new GleanerDB();
  try {
    const stored = await getImages(db, hashes);
    const types = new Map([...stored].map(([hash, image]) => [hash, image.type]));
    const blobs = new Map([...stored].map(([hash, image]) => [hash, image.blob]));
    return { images: postImagesOf(article?.images, types), blobs };
  } finally {
    db.close();
  }
}
