/**
 * The background's answer to `library:sync`: one sync at a time (a second request while one runs
 * gets that one's answer), with git failures in the user's words and never the token.
 */
import { t } from '../i18n';
import { err, ok } from '../result';
import type { GleanerDB } from '../storage/db';
import { gitFailureMessage } from '../publish/failure-message';
import { classifyGitError } from '../publish/git-errors';
import { createGitHttp } from '../publish/git-http';
import { openGitRepo, withRepoLock } from '../publish/git-repo';
import { redactSecrets } from '../publish/redact';
import { loadGitCredentials, loadPublishTarget } from '../publish/target-store';
import { syncWithGit } from '../sync/sync-with-git';
import type { RequestOf, Response } from './protocol';

export interface SyncHandlerDeps {
  db: GleanerDB;
  now(): Date;
  /** Starts the search indexer for what the sync wrote. */
  kickIndexer?(): void;
}

type SyncHandlers = {
  'library:sync': (request: RequestOf<'library:sync'>) => Promise<Response<'library:sync'>>;
};

export function createSyncHandlers(deps: SyncHandlerDeps): SyncHandlers {
  const http = createGitHttp();
  let running: Promise<Response<'library:sync'>> | null = null;

  const sync = async (): Promise<Response<'library:sync'>> => {
    const stored = await loadPublishTarget();
    if (stored.kind !== 'git' || !stored.git.url)
      return err({ code: 'no-target', message: t('publish_no_target') });
    const credentials = await loadGitCredentials(stored.git);
    try {
      const report = await withRepoLock(stored.git, () =>
        syncWithGit({
          db: deps.db,
          repo: openGitRepo(stored.git, credentials, http),
          now: deps.now,
        }),
      );
      deps.kickIndexer?.();
      return ok(report);
    } catch (error) {
      const code = classifyGitError(error);
      const detail = redactSecrets(error instanceof Error ? error.message : String(error), [
        credentials.token,
      ]);
      return err({ code, message: t('sync_failed', gitFailureMessage(code, { detail })) });
    }
  };

  return {
    'library:sync': () => {
      running ??= sync().finally(() => (running = null));
      return running;
    },
  };
}
