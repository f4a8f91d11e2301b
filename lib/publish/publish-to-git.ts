/**
 * One publish: fetch the branch, build the commit on its tip, push. When the push is refused
 * because the branch moved meanwhile, fetch again and build on the new tip: never a force push.
 */
import { buildPublishCommit, type BuiltCommit, type PublishFile } from './commit-builder';
import { classifyGitError } from './git-errors';
import { fetchBranch, pushCommit, type GitRepo } from './git-repo';

const ATTEMPTS = 3;

export interface PublishInput {
  title: string;
  files: readonly PublishFile[];
  lastPublished: Readonly<Record<string, string>>;
  now: Date;
}

export async function publishToGit(repo: GitRepo, input: PublishInput): Promise<BuiltCommit> {
  for (let attempt = 1; ; attempt++) {
    const base = await fetchBranch(repo);
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
    if (!built.commit) return built;
    try {
      await pushCommit(repo, built.commit);
      return built;
    } catch (error) {
      const code = classifyGitError(error);
      // Someone pushed between our fetch and our push: their commit must stay, so build again.
      const moved = code === 'rejected' || (error as { code?: string }).code === 'GitPushError';
      if (!moved || attempt >= ATTEMPTS) throw error;
    }
  }
}
