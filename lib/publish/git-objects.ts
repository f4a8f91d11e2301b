/** Where one operation on a local clone reads and writes git objects. */
import './node-globals';
import git, { type FsClient, type TreeEntry } from 'isomorphic-git';

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

/** Parsed trees by operation (its `cache`): gone with it. */
const parsedTrees = new WeakMap<object, Map<string, readonly TreeEntry[]>>();

/**
 * A tree's entries, read and parsed once per operation: a publish looks a path up and then
 * rewrites it, reading the same trees (10,000 entries for `_posts` at 10,000 articles) twice.
 * Callers must not change the array.
 */
export async function readTreeEntries(
  objects: GitObjects,
  oid: string,
): Promise<readonly TreeEntry[]> {
  const { fs, dir, cache } = objects;
  let trees = parsedTrees.get(cache);
  if (!trees) parsedTrees.set(cache, (trees = new Map()));
  const known = trees.get(oid);
  if (known) return known;
  const { tree } = await git.readTree({ fs, dir, cache, oid });
  trees.set(oid, tree);
  return tree;
}
