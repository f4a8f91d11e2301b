/**
 * The background's answers to `publish:*` requests. Git runs here, in the background, because a
 * popup closes as soon as it loses focus: a publish started there must outlive it, and the
 * queue must be retried at the next start without any page open.
 */
import { t } from '../i18n';
import type { RequestOf, Response } from './protocol';
import { err, ok } from '../result';
import type { GleanerDB } from '../storage/db';
import { enqueuePublish, listPublishQueue } from '../storage/publish-repo';
import { createGitHttp } from '../publish/git-http';
import { createSerialQueue } from '../publish/publish-queue';
import { loadGitCredentials, loadPublishTarget } from '../publish/target-store';
import { testConnection } from '../publish/test-connection';

export interface PublishDeps {
  db: GleanerDB;
  now(): Date;
}

type PublishRequestType = 'publish:article' | 'publish:queue' | 'publish:run' | 'publish:test';

type PublishHandlers = {
  [T in PublishRequestType]: (request: RequestOf<T>) => Promise<Response<T>>;
};

async function gitTarget() {
  const target = await loadPublishTarget();
  if (target.kind !== 'git' || !target.git.url) return null;
  return { target: target.git, credentials: await loadGitCredentials(target.git) };
}

const noTarget = () => err({ code: 'no-target', message: t('publish_no_target') });

export function createPublishHandlers(deps: PublishDeps): PublishHandlers {
  const http = createGitHttp();
  const runQueue = createSerialQueue({ db: deps.db, now: deps.now, http, gitTarget });
  return {
    'publish:article': async (request) => {
      if (!(await gitTarget())) return noTarget();
      const id = crypto.randomUUID();
      await enqueuePublish(deps.db, {
        id,
        articleId: request.articleId,
        title: request.title,
        files: request.files,
        queuedAt: deps.now().toISOString(),
        attempts: 0,
        lastError: null,
      });
      const outcome = (await runQueue()).find((o) => o.id === id);
      // An older publish is still waiting for the server: this one waits behind it.
      return ok(
        outcome ?? {
          status: 'queued',
          id,
          articleId: request.articleId,
          code: 'unreachable',
          detail: '',
        },
      );
    },
    'publish:queue': async () =>
      ok(
        (await listPublishQueue(deps.db)).map((item) => ({
          id: item.id,
          articleId: item.articleId,
          title: item.title,
          queuedAt: item.queuedAt,
          attempts: item.attempts,
          lastError: item.lastError,
        })),
      ),
    'publish:run': async () => ok(await runQueue()),
    'publish:test': async () => {
      const config = await gitTarget();
      if (!config) return noTarget();
      // The answer holds a code and branch names: nothing of the token.
      return ok(await testConnection(config.target, config.credentials, http));
    },
  };
}
