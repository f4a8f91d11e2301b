/**
 * Stored images in extension pages (popup preview, library reader): each `<img>` whose remote URL
 * was kept shows the stored bytes through a blob URL, so the article reads the same offline.
 * Runs after the article HTML was sanitised: blob URLs are ours, set on the clean DOM.
 */
import type { ArticleImage } from '../model';
import type { GleanerDB } from './db';
import { getImages } from './images-repo';

/** Remote URL → the stored image that replaces it. */
export type ShownImages = Map<string, { hash: string; src: string }>;

/** Blob URLs made in this page, one per hash, alive as long as the page. */
const blobUrls = new Map<string, string>();

/** Reads the article's kept images (read-only) and makes a blob URL for each. */
export async function loadShownImages(
  db: GleanerDB,
  images: readonly ArticleImage[] | undefined,
): Promise<ShownImages> {
  const kept = (images ?? []).flatMap((image) =>
    image.hash ? [{ url: image.url, hash: image.hash }] : [],
  );
  const shown: ShownImages = new Map();
  if (!kept.length) return shown;
  const stored = await getImages(
    db,
    kept.map((image) => image.hash),
  );
  for (const { url, hash } of kept) {
    const image = stored.get(hash);
    if (!image) continue;
    let src = blobUrls.get(hash);
    if (!src) {
      src = URL.createObjectURL(image.blob);
      blobUrls.set(hash, src);
    }
    shown.set(url, { hash, src });
  }
  return shown;
}

/** Points each kept image of `root` at its stored bytes, marked `data-gleaner-image="HASH"`. */
export function showStoredImages(root: ParentNode, shown: ShownImages): void {
  if (!shown.size) return;
  for (const image of root.querySelectorAll('img[src]')) {
    const stored = shown.get(image.getAttribute('src') ?? '');
    if (!stored) continue;
    image.setAttribute('data-gleaner-image', stored.hash);
    image.setAttribute('src', stored.src);
  }
}
