/**
 * The local copy of the target repository: a shallow, single-branch clone (objects only, no
 * working tree) kept by lightning-fs in IndexedDB, so a publish fetches only what changed.
 */
import './node-globals';
import LightningFS from '@isomorphic-git/lightning-fs';
import git, { type HttpClient, type FsClient } from 'isomorphic-git';
import { GitTransportError } from './git-errors';
import type { GitCredentials, GitTarget } from './git-target';
import { fingerprint } from '../library/library-post';

export interface GitRepo {
  fs: FsClient;
  dir: string;
  http: HttpClient;
  target: GitTarget;
  onAuth: () => { username: string; password: string };
}

/** One IndexedDB file system per repository and branch (a new target starts a fresh clone). */
export function openGitRepo(
  target: GitTarget,
  credentials: GitCredentials,
  http: HttpClient,
  fs: FsClient = new LightningFS(`gleaner-git-${targetKey(target)}`),
): GitRepo {
  return {
    fs,
    dir: '/repo',
    http,
    target,
    onAuth: () => ({ username: credentials.username, password: credentials.token }),
  };
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

/** Fetches the branch's tip (depth 1) and returns its commit id. */
export async function fetchBranch(repo: GitRepo): Promise<string> {
  const { fs, dir, http, target, onAuth } = repo;
  await git.init({ fs, dir, defaultBranch: target.branch });
  await git.addRemote({ fs, dir, remote: 'origin', url: target.url, force: true });
  const result = await git.fetch({
    fs,
    http,
    dir,
    remote: 'origin',
    ref: target.branch,
    remoteRef: target.branch,
    singleBranch: true,
    depth: 1,
    tags: false,
    onAuth,
  });
  if (!result.fetchHead) {
    throw new GitTransportError('branch-missing', `The branch "${target.branch}" does not exist.`);
  }
  return result.fetchHead;
}

/** Points the local branch at `commit` and pushes it; the server refuses anything but a fast-forward. */
export async function pushCommit(repo: GitRepo, commit: string): Promise<void> {
  const { fs, dir, http, target, onAuth } = repo;
  await git.writeRef({ fs, dir, ref: `refs/heads/${target.branch}`, value: commit, force: true });
  const result = await git.push({
    fs,
    http,
    dir,
    url: target.url,
    ref: target.branch,
    remoteRef: target.branch,
    onAuth,
  });
  if (!result.ok) {
    throw new GitTransportError('rejected', result.error ?? 'The server refused the push.');
  }
}
