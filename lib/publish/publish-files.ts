/**
 * What one publish sends: the saved article as the library exports it (the post in the user's
 * preset and its `_gleaner/` sidecar), the same from the popup, the library and a save.
 */
import { renderLibraryPost, type RenderSettings } from '../library/library-post';
import type { ArticleBundle } from '../library/types';

export interface PublishFiles {
  /** What `publish:article` takes. */
  request: { articleId: string; title: string; files: { path: string; content: string }[] };
  /** Where the post goes, relative to the target's folder (for the status line). */
  postPath: string;
}

/**
 * Renders one article for a publish. `dom: false` where there is no DOM (a service worker):
 * highlights that need one to be placed are then listed, not marked (see `renderLibraryPost`).
 */
export function publishFiles(
  bundle: ArticleBundle,
  settings: RenderSettings,
  options: { dom?: boolean } = {},
): PublishFiles {
  const post = renderLibraryPost(bundle, settings, new Set(), new Map(), options);
  return {
    request: {
      articleId: bundle.article.id,
      title: bundle.article.title,
      // Kept images are not sent yet (issue 16 left them out); they would join this commit.
      files: [
        { path: post.postPath, content: post.postContent },
        { path: post.sidecarPath, content: post.sidecarContent },
      ],
    },
    postPath: post.postPath,
  };
}
