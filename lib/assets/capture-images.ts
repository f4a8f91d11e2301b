/**
 * Keeps an article's images: fetches each (through `fetchImage`, which the background points at
 * the page's own context), hashes it and stores it once, a few at a time. Runs after the article
 * is saved; what cannot be kept stays at its remote URL with the reason.
 */
import type { ArticleImage, ImageFailure } from '../model';
import type { ImageReference } from './image-references';
import { contentHash } from './content-hash';
import { IMAGE_FETCH_PARALLELISM, MAX_ARTICLE_IMAGE_BYTES } from './limits';

export type FetchedImage =
  { ok: true; blob: Blob; type: string } | { ok: false; failure: ImageFailure };

export interface CaptureDeps {
  fetchImage(url: string): Promise<FetchedImage>;
  /** Stores the bytes for the article (throws on a storage error, e.g. a full disk). */
  keep(image: { hash: string; blob: Blob; type: string }): Promise<void>;
  /** Called after each image, kept or not. */
  onProgress?(done: number, total: number): void;
  parallelism?: number;
  maxArticleBytes?: number;
}

/** Storage refused an image (quota): the caller lets go of what this capture stored. */
export class ImageStorageFull extends Error {
  override name = 'ImageStorageFull';
}

function isQuotaError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const inner = (error as { inner?: unknown }).inner;
  return (
    error.name === 'QuotaExceededError' ||
    /quota/i.test(error.message) ||
    (inner instanceof Error && inner.name === 'QuotaExceededError')
  );
}

/** Runs `work` over `items`, at most `limit` at once, keeping the order of the results. */
export async function mapBounded<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/**
 * The article's images with their hashes (kept) or failures (remote). Throws ImageStorageFull
 * when storage refuses: nothing of the list is then reported as kept.
 */
export async function captureImages(
  references: readonly ImageReference[],
  deps: CaptureDeps,
): Promise<ArticleImage[]> {
  const budget = deps.maxArticleBytes ?? MAX_ARTICLE_IMAGE_BYTES;
  let used = 0;
  let done = 0;
  let storageFull = false;
  const results = await mapBounded(
    references,
    deps.parallelism ?? IMAGE_FETCH_PARALLELISM,
    async (reference): Promise<ArticleImage> => {
      const remote = (failure: ImageFailure): ArticleImage => ({ ...reference, failure });
      try {
        if (storageFull) return remote('storage-full');
        const fetched = await deps.fetchImage(reference.url);
        if (!fetched.ok) return remote(fetched.failure);
        if (used + fetched.blob.size > budget) return remote('article-limit');
        used += fetched.blob.size;
        const hash = await contentHash(new Uint8Array(await fetched.blob.arrayBuffer()));
        await deps.keep({ hash, blob: fetched.blob, type: fetched.type });
        return { ...reference, hash };
      } catch (error) {
        if (!isQuotaError(error)) return remote('unreachable');
        storageFull = true;
        return remote('storage-full');
      } finally {
        deps.onProgress?.(++done, references.length);
      }
    },
  );
  if (storageFull) throw new ImageStorageFull('Storage is full');
  return results;
}
