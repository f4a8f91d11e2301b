import type { ArticleImage, ImageFailure } from '../model';

/** What the popup and the library say about an article's images. */
export interface ImageStatus {
  /** `off`: "Save images" is off, images stay remote; `storage-full`: none were kept. */
  state: 'off' | 'saving' | 'done' | 'storage-full';
  /** Images looked at so far (while saving). */
  done: number;
  saved: number;
  total: number;
  remote: Array<{ url: string; failure: ImageFailure }>;
}

/** "Save images" is off (or no capture ran): the images stay remote. */
export const IMAGES_OFF: Readonly<ImageStatus> = {
  state: 'off',
  done: 0,
  saved: 0,
  total: 0,
  remote: [],
};

/** A capture under way, `total` images to look at. */
export function savingImages(total: number): ImageStatus {
  return { state: 'saving', done: 0, saved: 0, total, remote: [] };
}

/** The status a finished capture left on the article. */
export function statusOfImages(images: readonly ArticleImage[] | undefined): ImageStatus | null {
  if (!images) return null;
  const remote = images.flatMap((image) =>
    image.hash ? [] : [{ url: image.url, failure: image.failure ?? 'unreachable' }],
  );
  const storageFull = remote.some((image) => image.failure === 'storage-full');
  return {
    state: storageFull ? 'storage-full' : 'done',
    done: images.length,
    saved: images.length - remote.length,
    total: images.length,
    remote,
  };
}
