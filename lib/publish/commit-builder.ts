/**
 * Builds the one commit of a publish on top of the branch's tip, from git objects only (no
 * working tree): each file becomes a blob, and the trees on its path are rewritten. A file the
 * repository holds in a version we did not publish (someone edited it) is kept as it is: theirs
 * wins, and the conflict is reported.
 */
import './node-globals';
import git, { type TreeEntry } from 'isomorphic-git';
import { readTreeEntries, type GitObjects } from './git-objects';

export interface PublishFile {
  /** Path inside the repository (the target's folder already applied). */
  path: string;
  /** Text (a post, a sidecar) or bytes (an image). */
  content: string | Uint8Array;
}

export interface PublishConflict {
  path: string;
  /** The blob the repository holds (kept). */
  theirs: string;
  /** The blob this publish would have written. */
  ours: string;
}

export interface BuiltCommit {
  /** null when nothing changed (or every change conflicted): no commit is made. */
  commit: string | null;
  /** Whether the post is new in the repository (`Add "…"`) or replaces our last version (`Update "…"`). */
  action: 'add' | 'update';
  written: string[];
  conflicts: PublishConflict[];
  /** The blob ids now published for each file we own (what the next publish compares with). */
  blobs: Record<string, string>;
  /** The objects this build wrote (blobs and trees; the commit aside): what a push sends. */
  objects: string[];
}

export interface CommitInput extends GitObjects {
  /** The branch tip to build on. */
  base: string;
  title: string;
  /** The post first: its presence in the repository decides Add or Update. */
  files: readonly PublishFile[];
  /** Blob ids of our last publish of this article to this branch, by path. */
  lastPublished: Readonly<Record<string, string>>;
  author: { name: string; email: string };
  /** Seconds since the epoch (git's timestamp). */
  timestamp: number;
}

/** The blob id at `path` in a tree, or null. */
export async function blobAt(
  objects: GitObjects,
  tree: string,
  path: string,
): Promise<string | null> {
  let current = tree;
  const parts = path.split('/');
  for (const [index, name] of parts.entries()) {
    const entries = await readTreeEntries(objects, current);
    const entry = entries.find((e) => e.path === name);
    if (!entry) return null;
    if (index === parts.length - 1) return entry.type === 'blob' ? entry.oid : null;
    if (entry.type !== 'tree') return null;
    current = entry.oid;
  }
  return null;
}

/** A tree like `tree` with the blob `oid` at `parts` (subtrees created as needed). */
async function withBlob(
  objects: GitObjects,
  tree: string | null,
  parts: readonly string[],
  oid: string,
  wrote: string[],
): Promise<string> {
  const { fs, dir } = objects;
  const entries = tree ? await readTreeEntries(objects, tree) : [];
  const [name, ...rest] = parts;
  if (!name) throw new Error('Empty path in a publish.');
  const existing = entries.find((e) => e.path === name);
  const others = entries.filter((e) => e.path !== name);
  const entry: TreeEntry = rest.length
    ? {
        mode: '040000',
        path: name,
        type: 'tree',
        oid: await withBlob(
          objects,
          existing?.type === 'tree' ? existing.oid : null,
          rest,
          oid,
          wrote,
        ),
      }
    : { mode: '100644', path: name, type: 'blob', oid };
  const written = await git.writeTree({ fs, dir, tree: [...others, entry] });
  wrote.push(written);
  return written;
}

export async function buildPublishCommit(input: CommitInput): Promise<BuiltCommit> {
  const { fs, dir, cache, base, files } = input;
  const baseTree = (await git.readCommit({ fs, dir, cache, oid: base })).commit.tree;
  let tree = baseTree;
  const written: string[] = [];
  const conflicts: PublishConflict[] = [];
  const blobs: Record<string, string> = {};
  const wrote: string[] = [];
  let postExisted = false;
  for (const [index, file] of files.entries()) {
    const ours = await git.writeBlob({
      fs,
      dir,
      blob:
        typeof file.content === 'string' ? new TextEncoder().encode(file.content) : file.content,
    });
    const theirs = await blobAt(input, baseTree, file.path);
    const last = input.lastPublished[file.path];
    if (index === 0) postExisted = theirs !== null;
    if (theirs === ours) {
      blobs[file.path] = ours;
      continue;
    }
    // Ours to replace: absent and never published, or still exactly what we published last.
    const untouched = theirs === null ? last === undefined : theirs === last;
    if (!untouched) {
      conflicts.push({ path: file.path, theirs: theirs ?? '', ours });
      if (last !== undefined) blobs[file.path] = last;
      continue;
    }
    blobs[file.path] = ours;
    wrote.push(ours);
    tree = await withBlob(input, tree, file.path.split('/'), ours, wrote);
    written.push(file.path);
  }
  const action = postExisted ? 'update' : 'add';
  if (tree === baseTree) return { commit: null, action, written, conflicts, blobs, objects: [] };
  const person = { ...input.author, timestamp: input.timestamp, timezoneOffset: 0 };
  const verb = action === 'add' ? 'Add' : 'Update';
  const commit = await git.commit({
    fs,
    dir,
    cache,
    message: `${verb} "${input.title}"\n`,
    author: person,
    committer: person,
    tree,
    parent: [base],
    noUpdateBranch: true,
  });
  return { commit, action, written, conflicts, blobs, objects: wrote };
}
