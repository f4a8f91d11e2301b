/** The rows a sync keeps about the repository: types only, shared by db.ts and sync-repo.ts. */

/** One file under the repository's `_gleaner/` folder, as the last sync saw it. */
export interface SyncFileRow {
  /** Path in the repository (the target's folder included). */
  path: string;
  /** The repository and branch (see lib/publish/git-repo.ts targetKey): another target starts over. */
  targetKey: string;
  blob: string;
  /** The article the file is about (its sidecar, or its tombstone's); null when unreadable. */
  articleId: string | null;
  /** Fingerprint of the file's text: equal to our record's means this device has nothing to send. */
  stamp: string;
  /**
   * The article here when its record was last compared with this file (its `updatedAt` and its
   * highlights' ids and times, see localVersionOf): while it is the same, the article is not read.
   */
  localVersion?: string;
}
