/**
 * Image capture for saved articles, as the background runs it: started after a save (the save
 * never waits), one capture per article at a time, its progress readable while it runs.
 */
import type { Article, ArticleImage } from '../model';
import type { GleanerDB } from './db';
import { keepImage, releaseImages, setArticleImages } from './images-repo';
import { captureImages, ImageStorageFull, type FetchedImage } from '../assets/capture-images';
import { imagesToKeep } from '../assets/image-references';
import { statusOfImages, type ImageStatus } from '../assets/image-status';

export interface ImageCaptureDeps {
  db: GleanerDB;
  /** Whether the user turned "Save images" on. */
  enabled(): Promise<boolean>;
  /** Fetches one image as the tab the article was clipped from would. */
  fetchImage(tabId: number, url: string): Promise<FetchedImage>;
  now(): Date;
}

export interface ImageCapture {
  /** Starts keeping the article's images; resolves when they are all looked at. */
  start(article: Article, tabId: number): Promise<ImageStatus>;
  /** The running capture's progress, else what the last one left on the article. */
  status(article: Article): Promise<ImageStatus>;
}

export function createImageCapture(deps: ImageCaptureDeps): ImageCapture {
  const running = new Map<string, ImageStatus>();

  const run = async (
    article: Article,
    tabId: number,
    progress: ImageStatus,
  ): Promise<ImageStatus> => {
    const references = imagesToKeep(article.html);
    progress.total = references.length;
    let images: ArticleImage[];
    try {
      images = await captureImages(references, {
        fetchImage: (url) => deps.fetchImage(tabId, url),
        keep: (image) => keepImage(deps.db, article.id, image).then(() => undefined),
        onProgress: (done) => {
          progress.done = done;
        },
      });
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
      const progress: ImageStatus = { state: 'saving', done: 0, saved: 0, total: 0, remote: [] };
      running.set(article.id, progress);
      try {
        if (!(await deps.enabled())) return { ...OFF };
        return await run(article, tabId, progress);
      } finally {
        running.delete(article.id);
      }
    },
    async status(article) {
      const live = running.get(article.id);
      if (live) return { ...live, remote: [...live.remote] };
      return statusOfImages(article.images) ?? { ...OFF };
    },
  };
}

const OFF: ImageStatus = { state: 'off', done: 0, saved: 0, total: 0, remote: [] };
