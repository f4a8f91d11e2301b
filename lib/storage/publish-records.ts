/**
 * The rows of the publish queue and of what was published: types only, so db.ts and
 * publish-repo.ts share them without importing each other.
 */

/** A file of a publish, its path relative to the target's folder. */
export interface QueuedFile {
  path: string;
  content: string;
}

export interface QueuedPublish {
  id: string;
  articleId: string;
  title: string;
  /** The post first, then its sidecar. */
  files: QueuedFile[];
  /** The kept images the post links, by hash: their bytes are read from `images` when sent. */
  images?: Array<{ path: string; hash: string }>;
  queuedAt: string;
  attempts: number;
  /** Why the last attempt failed (redacted), or null before the first attempt. */
  lastError: string | null;
}

export interface PublishedRecord {
  articleId: string;
  /** The repository and branch these blobs are in (see lib/publish/git-repo.ts targetKey). */
  targetKey: string;
  /** Blob id by path in the repository. */
  blobs: Record<string, string>;
  commit: string | null;
  publishedAt: string;
}
