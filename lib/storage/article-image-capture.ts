/**
 * Image capture for saved articles, as the background runs it: started after a save (the save
 * never waits), one capture per article at a time, its progress readable while it runs.
 */
import type { Article, ArticleImage } from '../model';
import type { GleanerDB } from './db';
import { keepImage, releaseImages, setArticleImages } from './images-repo';
import { captureImages, ImageStorageFull, type FetchedImage } from '../assets/capture-images';
import { fetchWithFallback } from '../assets/image-fallback';
import { imagesToKeep, type ImageReference } from '../assets/image-references';
import { IMAGES_OFF, savingImages, statusOfImages, type ImageStatus } from '../assets/image-status';

export interface ImageCaptureDeps {
  db: GleanerDB;
  /** Whether the user turned "Save images" on. */
  enabled(): Promise<boolean>;
  /** Fetches one image as the tab the article was clipped from would. */
  fetchImage(tabId: number, url: string): Promise<FetchedImage>;
  /**
   * Fetches one image from the extension itself (a retry, when the tab is long gone; a page
   * fetch that failed, with host access), with `referer` as its `Referer` when given.
   */
  fetchDirect(url: string, referer?: string): Promise<FetchedImage>;
  /** Whether the user granted host access to the image's origin (the optional `<all_urls>`). */
  hasHostAccess(url: string): Promise<boolean>;
  now(): Date;
  /** How long a capture waits for the popup to show the save (default START_DELAY_MS). */
  startDelayMs?: number;
}

/**
 * A capture starts once the popup asks for its progress (it has shown "Saved" by then), or after
 * this long: started at once, it competed with the answer and the popup's paint for two cores and
 * made the save ~300 ms slower to show (bench:images).
 */
export const START_DELAY_MS = 500;

export interface ImageCapture {
  /** Starts keeping the article's images; resolves when they are all looked at. */
  start(article: Article, tabId: number): Promise<ImageStatus>;
  /** The running capture's progress, else what the last one left on the article. */
  status(article: Article): Promise<ImageStatus>;
  /**
   * Tries the images kept remote again (from the library: a 404 or a timeout may be over),
   * keeping the ones already stored; resolves with the new status.
   */
  retry(article: Article): Promise<ImageStatus>;
}

export function createImageCapture(deps: ImageCaptureDeps): ImageCapture {
  const running = new Map<string, ImageStatus>();
  /** Captures waiting to start, by article: calling one starts it. */
  const waiting = new Map<string, () => void>();
  const startDelay = deps.startDelayMs ?? START_DELAY_MS;

  /** Fetches and keeps `references` for the article, counting them into `progress`. */
  const capture = (
    article: Article,
    references: readonly ImageReference[],
    fetchImage: (url: string) => Promise<FetchedImage>,
    progress: ImageStatus,
  ) =>
    captureImages(references, {
      fetchImage,
      keep: (image) => keepImage(deps.db, article.id, image).then(() => undefined),
      onProgress: (done) => {
        progress.done = done;
      },
    });

  const run = async (
    article: Article,
    tabId: number,
    progress: ImageStatus,
  ): Promise<ImageStatus> => {
    const references = imagesToKeep(article.html);
    progress.total = references.length;
    let images: ArticleImage[];
    try {
      const fetchImage = fetchWithFallback({
        inPage: (url) => deps.fetchImage(tabId, url),
        hasHostAccess: deps.hasHostAccess,
        withReferer: (url) => deps.fetchDirect(url, article.url),
      });
      images = await capture(article, references, fetchImage, progress);
    } catch (error) {
      if (!(error instanceof ImageStorageFull)) throw error;
      // Nothing half-written: the article keeps every image remote, and says why.
      await releaseImages(deps.db, [article.id], deps.now()).catch(() => undefined);
      images = references.map((reference) => ({ ...reference, failure: 'storage-full' }));
    }
    await setArticleImages(deps.db, article.id, images, deps.now()).catch(() => undefined);
    return statusOfImages(images) ?? progress;
  };

  return {
    async start(article, tabId) {
      // Registered before the first await: a status asked right after the save sees it.
      const progress = savingImages(0);
      running.set(article.id, progress);
      try {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, startDelay);
          waiting.set(article.id, () => {
            clearTimeout(timer);
            resolve();
          });
        });
        waiting.delete(article.id);
        if (!(await deps.enabled())) return { ...IMAGES_OFF };
        return await run(article, tabId, progress);
      } finally {
        running.delete(article.id);
      }
    },
    async retry(article) {
      const before = article.images ?? [];
      const remote = before.filter((image) => !image.hash);
      if (!remote.length || running.has(article.id)) return this.status(article);
      const progress = savingImages(remote.length);
      running.set(article.id, progress);
      try {
        const tried = await capture(
          article,
          remote.map(({ url, alt }) => ({ url, alt })),
          // The article as `Referer` acts only where the extension has host access.
          async (url) =>
            deps.fetchDirect(url, (await deps.hasHostAccess(url)) ? article.url : undefined),
          progress,
        );
        const byUrl = new Map(tried.map((image) => [image.url, image]));
        const images = before.map((image) =>
          image.hash ? image : (byUrl.get(image.url) ?? image),
        );
        await setArticleImages(deps.db, article.id, images, deps.now());
        return statusOfImages(images) ?? progress;
      } catch (error) {
        if (!(error instanceof ImageStorageFull)) throw error;
        // Nothing half-written: the images this retry stored are let go again.
        await setArticleImages(deps.db, article.id, before, deps.now());
        return { ...(statusOfImages(before) ?? progress), state: 'storage-full' };
      } finally {
        running.delete(article.id);
      }
    },
    async status(article) {
      waiting.get(article.id)?.();
      const live = running.get(article.id);
      if (live) return { ...live, remote: [...live.remote] };
      return statusOfImages(article.images) ?? { ...IMAGES_OFF };
    },
  };
}
