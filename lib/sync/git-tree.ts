/**
 * Reading and rewriting a commit's tree from git objects (no working tree, as a publish does):
 * the blobs under a folder, and a tree with some files set or removed.
 */
import '../publish/node-globals';
import git from 'isomorphic-git';
import { readTreeEntries, type GitObjects } from '../publish/git-objects';

/** The tree at `folder` ('' for the root), or null. */
async function subtree(objects: GitObjects, tree: string, folder: string) {
  let current = tree;
  for (const name of folder.split('/').filter(Boolean)) {
    const entries = await readTreeEntries(objects, current);
    const entry = entries.find((e) => e.path === name && e.type === 'tree');
    if (!entry) return null;
    current = entry.oid;
  }
  return current;
}

/** Every blob under `folder`, by its full path in the repository. */
export async function listBlobs(
  objects: GitObjects,
  tree: string,
  folder: string,
): Promise<Map<string, string>> {
  const blobs = new Map<string, string>();
  const start = await subtree(objects, tree, folder);
  if (!start) return blobs;
  const walk = async (oid: string, prefix: string): Promise<void> => {
    for (const entry of await readTreeEntries(objects, oid)) {
      const path = `${prefix}/${entry.path}`;
      if (entry.type === 'tree') await walk(entry.oid, path);
      else if (entry.type === 'blob') blobs.set(path, entry.oid);
    }
  };
  await walk(start, folder.replace(/\/+$/, ''));
  return blobs;
}

/**
 * A tree like `tree` with each path set to a blob id, or removed (null); folders left empty go.
 * Returns null for a tree left empty (the root is written empty by the caller).
 */
export async function editTree(
  objects: GitObjects,
  tree: string | null,
  changes: ReadonlyMap<string, string | null>,
  /** Gets the id of every tree written (what a push sends). */
  wrote: string[] = [],
): Promise<string | null> {
  const { fs, dir } = objects;
  const entries = tree ? await readTreeEntries(objects, tree) : [];
  const byName = new Map(entries.map((e) => [e.path, e]));
  const nested = new Map<string, Map<string, string | null>>();
  for (const [path, oid] of changes) {
    const slash = path.indexOf('/');
    if (slash < 0) {
      if (oid === null) byName.delete(path);
      else byName.set(path, { mode: '100644', path, type: 'blob', oid });
      continue;
    }
    const name = path.slice(0, slash);
    const inner = nested.get(name) ?? new Map<string, string | null>();
    inner.set(path.slice(slash + 1), oid);
    nested.set(name, inner);
  }
  for (const [name, inner] of nested) {
    const existing = byName.get(name);
    const sub = await editTree(
      objects,
      existing?.type === 'tree' ? existing.oid : null,
      inner,
      wrote,
    );
    if (sub === null) byName.delete(name);
    else byName.set(name, { mode: '040000', path: name, type: 'tree', oid: sub });
  }
  if (!byName.size) return null;
  const written = await git.writeTree({ fs, dir, tree: [...byName.values()] });
  wrote.push(written);
  return written;
}
