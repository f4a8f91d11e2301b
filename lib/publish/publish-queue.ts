/**
 * The publish queue's runner: every publish is queued first (persisted), then the queue is sent
 * oldest first, one publish at a time. A publish leaves the queue when it is sent, or when it
 * fails for a reason only the user can fix (wrong token, missing branch); while the server
 * cannot be reached it waits, and the next start or "Publish now" tries again.
 */
import type { HttpClient } from 'isomorphic-git';
import type { GleanerDB } from '../storage/db';
import {
  lastPublished,
  listPublishQueue,
  notePublishAttempt,
  removeQueuedPublish,
  savePublished,
} from '../storage/publish-repo';
import type { QueuedPublish } from '../storage/publish-records';
import { classifyGitError, isTransient, type GitFailureCode } from './git-errors';
import { openGitRepo, targetKey, withRepoLock, type GitRepo } from './git-repo';
import { repoPath, type GitCredentials, type GitTarget } from './git-target';
import { publishFileBytes } from './publish-file-bytes';
import { publishToGit } from './publish-to-git';
import { redactSecrets } from './redact';

export type PublishOutcome =
  | {
      status: 'published';
      id: string;
      articleId: string;
      commit: string | null;
      action: 'add' | 'update';
      /** Paths kept as someone else edited them in the repository. */
      conflicts: string[];
    }
  | {
      status: 'queued' | 'failed';
      id: string;
      articleId: string;
      code: GitFailureCode;
      detail: string;
    };

export interface PublishRunnerDeps {
  db: GleanerDB;
  /** The git target and its credentials, or null when the target is not a repository. */
  gitTarget(): Promise<{ target: GitTarget; credentials: GitCredentials } | null>;
  http: HttpClient;
  now(): Date;
  openRepo?: (target: GitTarget, credentials: GitCredentials, http: HttpClient) => GitRepo;
}

async function publishOne(
  deps: PublishRunnerDeps,
  item: QueuedPublish,
  target: GitTarget,
  credentials: GitCredentials,
): Promise<PublishOutcome> {
  const key = targetKey(target);
  try {
    const lastFiles = await lastPublished(deps.db, item.articleId, key);
    const files = await publishFileBytes(deps.db, item);
    // The clone is opened once the work before it on the same clone is done (a sync, a publish).
    const built = await withRepoLock(target, () =>
      publishToGit((deps.openRepo ?? openGitRepo)(target, credentials, deps.http), {
        title: item.title,
        files: files.map((file) => ({ ...file, path: repoPath(target, file.path) })),
        lastPublished: lastFiles,
        now: deps.now(),
      }),
    );
    await savePublished(deps.db, {
      articleId: item.articleId,
      targetKey: key,
      blobs: built.blobs,
      commit: built.commit,
      publishedAt: deps.now().toISOString(),
    });
    await removeQueuedPublish(deps.db, item.id);
    return {
      status: 'published',
      id: item.id,
      articleId: item.articleId,
      commit: built.commit,
      action: built.action,
      conflicts: built.conflicts.map((c) => c.path),
    };
  } catch (error) {
    const code = classifyGitError(error);
    const detail = redactSecrets(error instanceof Error ? error.message : String(error), [
      credentials.token,
    ]);
    if (isTransient(code)) {
      await notePublishAttempt(deps.db, item.id, code);
      return { status: 'queued', id: item.id, articleId: item.articleId, code, detail };
    }
    await removeQueuedPublish(deps.db, item.id);
    return { status: 'failed', id: item.id, articleId: item.articleId, code, detail };
  }
}

/** Sends the queue, oldest first; stops at the first publish that has to wait (the server is down). */
export async function drainPublishQueue(deps: PublishRunnerDeps): Promise<PublishOutcome[]> {
  const config = await deps.gitTarget();
  if (!config) return [];
  const outcomes: PublishOutcome[] = [];
  for (const item of await listPublishQueue(deps.db)) {
    const outcome = await publishOne(deps, item, config.target, config.credentials);
    outcomes.push(outcome);
    if (outcome.status === 'queued') break;
  }
  return outcomes;
}

/** Runs drains one after another: two publishes never build on the same tip at once. */
export function createSerialQueue(deps: PublishRunnerDeps): () => Promise<PublishOutcome[]> {
  let last: Promise<unknown> = Promise.resolve();
  return () => {
    const next = last.then(() => drainPublishQueue(deps));
    last = next.catch(() => undefined);
    return next;
  };
}
