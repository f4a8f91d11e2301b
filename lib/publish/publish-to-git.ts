/**
 * One publish: build the commit on the branch's tip, push. The tip is the one the clone last saw
 * (fetched the first time); when the push finds the branch moved, fetch and build on the new tip:
 * never a force push.
 */
import { buildPublishCommit, type BuiltCommit, type PublishFile } from './commit-builder';
import { classifyGitError } from './git-errors';
import { fetchBranch, localTip, type GitRepo } from './git-repo';
import { pushObjects } from './push-objects';

/** Fetches in one publish before a branch that keeps moving is reported. */
const ATTEMPTS = 3;

export interface PublishInput {
  title: string;
  files: readonly PublishFile[];
  lastPublished: Readonly<Record<string, string>>;
  now: Date;
}

export async function publishToGit(repo: GitRepo, input: PublishInput): Promise<BuiltCommit> {
  // The tip the clone knows: usually still the server's (a push says when it is not), so a
  // publish costs the server two requests instead of four.
  let base = await localTip(repo);
  let fetches = 0;
  for (;;) {
    if (!base) {
      base = await fetchBranch(repo);
      fetches++;
    }
    const built = await buildPublishCommit({
      fs: repo.fs,
      dir: repo.dir,
      cache: repo.cache,
      base,
      title: input.title,
      files: input.files,
      lastPublished: input.lastPublished,
      author: { name: repo.target.authorName, email: repo.target.authorEmail },
      timestamp: Math.floor(input.now.getTime() / 1000),
    });
    if (!built.commit) {
      // "Nothing to change" (or a conflict) is only said of the server's own tip.
      if (fetches) return built;
      base = null;
      continue;
    }
    try {
      await pushObjects(repo, built.commit, base, built.objects);
      return built;
    } catch (error) {
      const code = classifyGitError(error);
      // The branch moved since our base (someone pushed): their commit must stay, so fetch and
      // build again on top of it.
      const moved = code === 'rejected' || (error as { code?: string }).code === 'GitPushError';
      if (!moved || fetches >= ATTEMPTS) throw error;
      base = null;
    }
  }
}
