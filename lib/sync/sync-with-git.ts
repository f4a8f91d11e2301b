/**
 * One sync of the library through the publish repository (issue 16): fetch the branch, read the
 * `_gleaner` files that changed since the last sync (blob ids compared, unchanged files never
 * read), merge them into the library, then push one commit with what the repository lacks: the
 * records of articles changed here, new tombstones, and the files of deleted articles removed.
 * A push refused because the branch moved is fetched and merged again: never a force push.
 */
import '../publish/node-globals';
import git from 'isomorphic-git';
import { SIDECAR_DIR } from '../library/library-post';
import type { ArticleBundle, Tombstone } from '../library/types';
import { blobAt } from '../publish/commit-builder';
import { classifyGitError } from '../publish/git-errors';
import { fetchBranch, targetKey, type GitRepo } from '../publish/git-repo';
import { pushObjects } from '../publish/push-objects';
import { repoPath } from '../publish/git-target';
import type { GleanerDB } from '../storage/db';
import type { SyncFileRow } from '../storage/sync-records';
import {
  applySyncChanges,
  loadSyncFiles,
  localVersionOf,
  readLocalVersions,
  readSyncBundles,
  readSyncLibrary,
  saveSyncFiles,
  type SyncLibrary,
} from '../storage/sync-repo';
import { canonicalJson } from './canonical-json';
import { editTree, listBlobs } from './git-tree';
import { mergeLibrary, type SyncConflict } from './merge';
import {
  bundleOfSidecar,
  postPathOfSidecar,
  readSyncFile,
  recordContent,
  recordPath,
  stampOf,
  tombstoneContent,
  tombstonePath,
} from './sync-files';

const ATTEMPTS = 3;

export interface SyncReport {
  /** Articles added, changed or deleted here from the repository. */
  received: number;
  /** Records (articles, deletions) sent to the repository. */
  sent: number;
  commit: string | null;
  conflicts: SyncConflict[];
  /** Articles changed here while the sync ran: left for the next sync. */
  skipped: number;
}

export interface SyncDeps {
  db: GleanerDB;
  repo: GitRepo;
  now(): Date;
}

/** What the repository holds under `_gleaner/`, read where it changed since the last sync. */
interface RemoteState {
  base: string;
  tree: string;
  /** Full path → blob id. */
  blobs: Map<string, string>;
  rows: Map<string, SyncFileRow>;
  /** What the last sync saw (every row of this target, before this one). */
  seen: Map<string, SyncFileRow>;
  articles: ArticleBundle[];
  tombstones: Tombstone[];
  unreadable: SyncConflict[];
}

async function readRemote(deps: SyncDeps): Promise<RemoteState> {
  const { repo, db } = deps;
  const { fs, dir, cache, target } = repo;
  const key = targetKey(target);
  const base = await fetchBranch(repo);
  const tree = (await git.readCommit({ fs, dir, cache, oid: base })).commit.tree;
  const root = repoPath(target, SIDECAR_DIR);
  const folder = root.slice(0, -SIDECAR_DIR.length);
  const blobs = await listBlobs(repo, tree, root);
  const seen = await loadSyncFiles(db, key);
  const text = async (oid: string) =>
    new TextDecoder().decode((await git.readBlob({ fs, dir, cache, oid })).blob);
  const state: RemoteState = {
    base,
    tree,
    blobs,
    rows: new Map(),
    seen,
    articles: [],
    tombstones: [],
    unreadable: [],
  };
  // The posts beside sidecars, one listing per folder: looking each up from the root would parse
  // the whole `_posts` tree again for every sidecar (hours at 10,000 posts; see bench:sync).
  const folders = new Map<string, Promise<Map<string, string>>>();
  const postBlob = (postPath: string) => {
    const slash = postPath.lastIndexOf('/');
    if (slash < 0) return blobAt(repo, tree, postPath);
    const parent = postPath.slice(0, slash);
    let listing = folders.get(parent);
    if (!listing) {
      listing = listBlobs(repo, tree, parent);
      folders.set(parent, listing);
    }
    return listing.then((found) => found.get(postPath) ?? null);
  };
  for (const [path, oid] of blobs) {
    if (!path.endsWith('.json')) continue;
    const old = seen.get(path);
    if (old?.blob === oid) {
      state.rows.set(path, old);
      continue;
    }
    const content = await text(oid);
    let articleId: string | null = null;
    try {
      let file = readSyncFile(content);
      if (file.kind === 'needs-post') {
        const post = postPathOfSidecar(path.slice(folder.length));
        const postOid = post ? await postBlob(repoPath(target, post)) : null;
        const bundle = bundleOfSidecar(file.sidecar, postOid ? await text(postOid) : null);
        file = { kind: 'article', bundle };
      }
      if (file.kind === 'article') {
        state.articles.push(file.bundle);
        articleId = file.bundle.article.id;
      } else {
        state.tombstones.push(file.tombstone);
        articleId = file.tombstone.articleId;
      }
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      state.unreadable.push({ kind: 'unreadable', path: path.slice(folder.length), reason });
    }
    state.rows.set(path, { path, targetKey: key, blob: oid, articleId, stamp: stampOf(content) });
  }
  return state;
}

/**
 * The part of the library this sync merges and sends: the articles changed here since their
 * record was last compared (their version differs from the one its row keeps, or they have no
 * row yet), the ones the repository changed, those their URL keys or tombstones point at, and
 * every tombstone. The whole library only when the versions cannot be read from the index.
 */
async function readLocal(
  db: GleanerDB,
  remote: RemoteState,
  full: (path: string) => string,
): Promise<SyncLibrary> {
  const versions = await readLocalVersions(db);
  if (!versions) return readSyncLibrary(db);
  const ids = new Set<string>();
  for (const [id, version] of versions)
    if (remote.rows.get(full(recordPath(id)))?.localVersion !== version) ids.add(id);
  for (const { article } of remote.articles) ids.add(article.id);
  const local = await readSyncBundles(db, ids, []);
  // Tombstones name articles (deleted, or merged into another) that the merge looks at too.
  const named = new Set<string>();
  for (const t of [...remote.tombstones, ...local.tombstones]) {
    named.add(t.articleId);
    if (t.mergedInto) named.add(t.mergedInto);
  }
  for (const id of ids) named.delete(id);
  const urlKeys = remote.articles.map((b) => b.article.urlKey);
  if (!named.size && !urlKeys.length) return local;
  const more = await readSyncBundles(db, named, urlKeys);
  const byId = new Map(local.bundles.map((b) => [b.article.id, b]));
  for (const bundle of more.bundles) byId.set(bundle.article.id, bundle);
  return { bundles: [...byId.values()], tombstones: more.tombstones };
}

function conflictKey(conflict: SyncConflict): string {
  return conflict.kind === 'unreadable'
    ? `${conflict.kind}:${conflict.path}`
    : `${conflict.kind}:${conflict.articleId}`;
}

/**
 * Whether every time of the bundle is before the second the sync read the library in. Times have
 * whole seconds: an edit later in that second keeps the time the sync saw, so a version with such
 * a time is not kept and the next sync reads the article again (git's "racy" files, the same way).
 */
function settledBefore(bundle: ArticleBundle, readAt: Date): boolean {
  const second = Math.floor(readAt.getTime() / 1000) * 1000;
  const times = [bundle.article.updatedAt, ...bundle.highlights.map((h) => h.updatedAt)];
  return times.every((time) => Date.parse(time) < second);
}

export async function syncWithGit(deps: SyncDeps): Promise<SyncReport> {
  const { db, repo } = deps;
  const { fs, dir, cache, target } = repo;
  const key = targetKey(target);
  const full = (path: string) => repoPath(target, path);
  // The target's folder with its slash ('' at the repository's root).
  const folder = full(SIDECAR_DIR).slice(0, -SIDECAR_DIR.length);
  const conflicts = new Map<string, SyncConflict>();
  let received = 0;
  for (let attempt = 1; ; attempt++) {
    const remote = await readRemote(deps);
    const readAt = deps.now();
    const local = await readLocal(db, remote, full);
    const localById = new Map(local.bundles.map((b) => [b.article.id, b]));
    const merge = mergeLibrary({
      local: localById,
      localIdOfUrlKey: new Map(local.bundles.map((b) => [b.article.urlKey, b.article.id])),
      localTombstones: local.tombstones,
      remote: remote.articles,
      remoteTombstones: remote.tombstones,
    });
    for (const conflict of [...remote.unreadable, ...merge.conflicts])
      conflicts.set(conflictKey(conflict), conflict);
    const known = new Map(local.tombstones.map((t) => [t.id, canonicalJson(t)]));
    const inForce = new Set(merge.tombstones.map((t) => t.id));
    const applied = await applySyncChanges(
      db,
      {
        put: merge.put,
        remove: merge.remove,
        tombstones: merge.tombstones.filter((t) => known.get(t.id) !== canonicalJson(t)),
        // Deletions a restore made void.
        forget: local.tombstones.filter((t) => !inForce.has(t.id)).map((t) => t.id),
        base: localById,
      },
      deps.now(),
    );
    received += applied.written.length;

    // The library as it is now (articles changed here meanwhile: as they were read).
    const written = new Set(applied.written);
    const skipped = new Set(applied.skipped);
    const library = new Map(localById);
    for (const id of merge.remove) if (written.has(id)) library.delete(id);
    for (const bundle of merge.put)
      if (written.has(bundle.article.id)) library.set(bundle.article.id, bundle);

    const changes = new Map<string, string | null>();
    const rows = new Map(remote.rows);
    // An unreadable file is read again (and listed again) by the next sync, until it is fixed.
    for (const [path, row] of remote.rows) if (row.articleId === null) rows.delete(path);
    const write = async (path: string, content: string, articleId: string) => {
      const stamp = stampOf(content);
      if (rows.get(path)?.stamp === stamp) return false;
      const oid = await git.writeBlob({ fs, dir, blob: new TextEncoder().encode(content) });
      rows.set(path, { path, targetKey: key, blob: oid, articleId, stamp });
      if (remote.blobs.get(path) === oid) return false;
      changes.set(path, oid);
      return true;
    };
    let sent = 0;
    for (const [id, bundle] of library) {
      const path = full(recordPath(id));
      // Left for the next sync, which reads the repository's version of it again.
      if (skipped.has(id)) {
        rows.delete(path);
        continue;
      }
      if (await write(path, recordContent(bundle), id)) sent++;
      // The version the record now matches: until the article changes, the next sync skips it.
      const row = rows.get(path);
      const version = settledBefore(bundle, readAt)
        ? localVersionOf(bundle.article.updatedAt, bundle.highlights)
        : undefined;
      if (row && row.localVersion !== version) rows.set(path, { ...row, localVersion: version });
    }
    const deletedDir = full(tombstonePath('x')).slice(0, -'x.json'.length);
    const filesOf = new Map<string, string[]>();
    for (const [path, row] of remote.rows) {
      if (row.articleId === null || path.startsWith(deletedDir)) continue;
      filesOf.set(row.articleId, [...(filesOf.get(row.articleId) ?? []), path]);
    }
    const tombstoneFiles = new Set(merge.tombstones.map((t) => full(tombstonePath(t.id))));
    // A deletion made void by a restore leaves the repository.
    for (const [path, row] of remote.rows) {
      if (row.articleId === null || !path.startsWith(deletedDir) || tombstoneFiles.has(path))
        continue;
      changes.set(path, null);
      rows.delete(path);
      sent++;
    }
    for (const tombstone of merge.tombstones) {
      const path = full(tombstonePath(tombstone.id));
      if (await write(path, tombstoneContent(tombstone), tombstone.articleId)) sent++;
      if (tombstone.kind !== 'article') continue;
      // The deleted article's files go: its records, and the post a publish wrote beside a sidecar.
      for (const file of filesOf.get(tombstone.id) ?? []) {
        changes.set(file, null);
        rows.delete(file);
        const post = postPathOfSidecar(file.slice(folder.length));
        if (post && (await blobAt(repo, remote.tree, full(post)))) changes.set(full(post), null);
      }
    }
    const report = (commit: string | null): SyncReport => ({
      received,
      sent,
      commit,
      conflicts: [...conflicts.values()],
      skipped: skipped.size,
    });
    if (!changes.size) {
      await saveSyncFiles(db, key, [...rows.values()], remote.seen);
      return report(null);
    }
    const trees: string[] = [];
    let tree = await editTree(repo, remote.tree, changes, trees);
    if (tree === null) trees.push((tree = await git.writeTree({ fs, dir, tree: [] })));
    const person = {
      name: target.authorName,
      email: target.authorEmail,
      timestamp: Math.floor(deps.now().getTime() / 1000),
      timezoneOffset: 0,
    };
    const commit = await git.commit({
      fs,
      dir,
      cache,
      message: `Sync library: ${sent} record${sent === 1 ? '' : 's'}\n`,
      author: person,
      committer: person,
      tree,
      parent: [remote.base],
      noUpdateBranch: true,
    });
    try {
      const blobs = [...changes.values()].filter((oid): oid is string => oid !== null);
      await pushObjects(repo, commit, remote.base, [...blobs, ...trees]);
    } catch (error) {
      // Another device pushed between our fetch and our push: merge its commit too, then push.
      const moved =
        classifyGitError(error) === 'rejected' ||
        (error as { code?: string }).code === 'GitPushError';
      if (!moved || attempt >= ATTEMPTS) throw error;
      continue;
    }
    await saveSyncFiles(db, key, [...rows.values()], remote.seen);
    return report(commit);
  }
}
