/**
 * What one publish sends: the saved article as the library exports it (the post in the user's
 * preset and its `_gleaner/` sidecar), the same from the popup, the library and a save.
 */
import { renderLibraryPost, type RenderSettings } from '../library/library-post';
import type { ArticleBundle } from '../library/types';

export interface PublishFiles {
  /** What `publish:article` takes: the texts, and the kept images by hash (the background reads their bytes). */
  request: {
    articleId: string;
    title: string;
    files: { path: string; content: string }[];
    images: { path: string; hash: string }[];
  };
  /** Where the post goes, relative to the target's folder (for the status line). */
  postPath: string;
}

/**
 * Renders one article for a publish. `dom: false` where there is no DOM (a service worker):
 * highlights that need one to be placed are then listed, not marked (see `renderLibraryPost`).
 * `imageTypes` (stored MIME type by hash): the kept images, which join the commit where the
 * preset links them.
 */
export function publishFiles(
  bundle: ArticleBundle,
  settings: RenderSettings,
  options: { dom?: boolean; imageTypes?: ReadonlyMap<string, string> } = {},
): PublishFiles {
  const post = renderLibraryPost(bundle, settings, new Set(), options.imageTypes, {
    dom: options.dom,
  });
  return {
    request: {
      articleId: bundle.article.id,
      title: bundle.article.title,
      files: [
        { path: post.postPath, content: post.postContent },
        { path: post.sidecarPath, content: post.sidecarContent },
      ],
      images: post.images.map(({ path, hash }) => ({ path, hash })),
    },
    postPath: post.postPath,
  };
}
