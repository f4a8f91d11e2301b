/**
 * The local copy of the target repository: a shallow, single-branch clone (objects only, no
 * working tree) kept by lightning-fs in IndexedDB, so a publish fetches only what changed.
 */
import './node-globals';
import LightningFS from '@isomorphic-git/lightning-fs';
import git, { type HttpClient, type FsClient } from 'isomorphic-git';
import { GitTransportError } from './git-errors';
import type { GitObjects } from './git-objects';
import { withObjectCache } from './object-cache-fs';
import type { GitCredentials, GitTarget } from './git-target';
import { fingerprint } from '../library/library-post';

/** A clone opened for one operation (its `cache` lives as long as that operation). */
export interface GitRepo extends GitObjects {
  http: HttpClient;
  target: GitTarget;
  onAuth: () => { username: string; password: string };
  /**
   * The credentials sent with the first request: asked for only after a 401, they cost every
   * fetch and push one more round trip. Copy it per call (isomorphic-git adds to it).
   */
  headers: Readonly<Record<string, string>>;
}

/** One IndexedDB file system per repository and branch (a new target starts a fresh clone). */
export function openGitRepo(
  target: GitTarget,
  credentials: GitCredentials,
  http: HttpClient,
  fs: FsClient = cloneFileSystem(`gleaner-git-${targetKey(target)}`),
): GitRepo {
  return {
    fs,
    dir: '/repo',
    cache: {},
    http,
    target,
    onAuth: () => ({ username: credentials.username, password: credentials.token }),
    headers:
      credentials.username || credentials.token
        ? { Authorization: basicAuthorization(credentials.username, credentials.token) }
        : {},
  };
}

/** HTTP Basic credentials, UTF-8 (as isomorphic-git writes them after a 401). */
function basicAuthorization(username: string, password: string): string {
  const bytes = new TextEncoder().encode(`${username}:${password}`);
  return `Basic ${btoa(String.fromCharCode(...bytes))}`;
}

const fileSystems = new Map<string, FsClient>();

/**
 * One lightning-fs per clone for the background's life. An instance holds a Web Lock on its
 * database until 500 ms after its last use, and a new one waits for that lock and loads the file
 * table again: with an instance per operation, each publish right after another waited half a
 * second (see `npm run bench:sync`). Only the background uses the clones.
 */
function cloneFileSystem(name: string): FsClient {
  let fs = fileSystems.get(name);
  if (!fs) fileSystems.set(name, (fs = withObjectCache(new LightningFS(name))));
  return fs;
}

/** Identifies the repository and branch a publish went to. */
export function targetKey(target: Pick<GitTarget, 'url' | 'branch'>): string {
  return fingerprint(`${target.url}\n${target.branch}`);
}

const queues = new Map<string, Promise<unknown>>();

/**
 * Runs `work` after the work already queued for the same repository and branch: a publish and a
 * sync never fetch or commit into the same local clone at once (each opens its own file system
 * over one IndexedDB database).
 */
export function withRepoLock<T>(
  target: Pick<GitTarget, 'url' | 'branch'>,
  work: () => Promise<T>,
): Promise<T> {
  const key = targetKey(target);
  const next = (queues.get(key) ?? Promise.resolve()).then(work);
  const settled = next.catch(() => undefined);
  queues.set(key, settled);
  void settled.then(() => {
    if (queues.get(key) === settled) queues.delete(key);
  });
  return next;
}

/**
 * Fetches the branch's tip and returns its commit id: depth 1 into an empty clone, then only the
 * commits since the last fetch. The local branch is set to the tip: isomorphic-git offers the
 * server only the local branch as what the clone has (without it, or with a depth asked again,
 * every fetch downloads the whole tree again, measured by `npm run bench:sync`).
 */
export async function fetchBranch(repo: GitRepo): Promise<string> {
  const { fs, dir, cache, http, target, onAuth } = repo;
  await git.init({ fs, dir, defaultBranch: target.branch });
  await git.addRemote({ fs, dir, remote: 'origin', url: target.url, force: true });
  const had = await git
    .resolveRef({ fs, dir, ref: `refs/heads/${target.branch}` })
    .catch(() => null);
  const result = await git.fetch({
    fs,
    cache,
    http,
    dir,
    remote: 'origin',
    ref: target.branch,
    remoteRef: target.branch,
    singleBranch: true,
    ...(had ? {} : { depth: 1 }),
    tags: false,
    onAuth,
    headers: { ...repo.headers },
  });
  if (!result.fetchHead) {
    throw new GitTransportError('branch-missing', `The branch "${target.branch}" does not exist.`);
  }
  await git.writeRef({
    fs,
    dir,
    ref: `refs/heads/${target.branch}`,
    value: result.fetchHead,
    force: true,
  });
  await loosenTrees(repo, result.fetchHead);
  return result.fetchHead;
}

/**
 * Writes the commit and every tree under it as loose objects, once. isomorphic-git reads a packed
 * object by loading its whole pack (~95 MB for 10,000 published articles, from IndexedDB) in each
 * operation; a publish and a sync read only commits and trees (and the blobs that changed, which
 * come in the small pack of the fetch that brought them), so with those loose they never load the
 * clone's first pack again. A tree is written after its subtrees, so a loose tree's subtrees are
 * loose too and the walk stops there: after the first time it visits only what the fetch changed.
 */
export async function loosenTrees(repo: GitObjects, commit: string): Promise<void> {
  const { fs, dir, cache } = repo;
  const stat = (path: string): Promise<unknown> =>
    'promises' in fs
      ? fs.promises.stat(path)
      : new Promise((resolve, reject) =>
          (fs.stat as (p: string, done: (e: unknown, s: unknown) => void) => void)(path, (e, s) =>
            e ? reject(e) : resolve(s),
          ),
        );
  const isLoose = (oid: string) =>
    stat(`${dir}/.git/objects/${oid.slice(0, 2)}/${oid.slice(2)}`).then(
      () => true,
      () => false,
    );
  const keep = async (oid: string, type: 'tree' | 'commit') => {
    const { object } = await git.readObject({ fs, dir, cache, oid, format: 'content' });
    await git.writeObject({ fs, dir, type, object: object as Uint8Array, format: 'content' });
  };
  const walk = async (tree: string): Promise<void> => {
    if (await isLoose(tree)) return;
    for (const entry of (await git.readTree({ fs, dir, cache, oid: tree })).tree)
      if (entry.type === 'tree') await walk(entry.oid);
    await keep(tree, 'tree');
  };
  if (await isLoose(commit)) return;
  const { commit: parsed } = await git.readCommit({ fs, dir, cache, oid: commit });
  await walk(parsed.tree);
  await keep(commit, 'commit');
}

/**
 * The branch tip the clone last fetched or pushed, or null before its first fetch. A publish
 * builds on it without fetching first: the push says whether the server still has it.
 */
export async function localTip(repo: GitRepo): Promise<string | null> {
  const { fs, dir, target } = repo;
  return git.resolveRef({ fs, dir, ref: `refs/heads/${target.branch}` }).catch(() => null);
}
