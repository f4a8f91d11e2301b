/** Where one operation on a local clone reads and writes git objects. */
import type { FsClient } from 'isomorphic-git';

export interface GitObjects {
  fs: FsClient;
  dir: string;
  /**
   * isomorphic-git's cache for one operation (a sync, a publish): without it every object read
   * loads and parses the pack and its index again, which makes reading a 10,000-article tree
   * take hours instead of seconds. Never kept past the operation (it holds the packs in memory).
   */
  cache: object;
}
