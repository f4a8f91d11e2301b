/**
 * The background's answers to `publish:*` requests. Git runs here, in the background, because a
 * popup closes as soon as it loses focus: a publish started there must outlive it, and the
 * queue must be retried at the next start without any page open.
 */
import { t } from '../i18n';
import type { RequestOf, Response } from './protocol';
import { err, ok } from '../result';
import type { RenderSettings } from '../library/library-post';
import type { GleanerDB } from '../storage/db';
import { imageTypesFor } from '../storage/images-repo';
import { getBundles } from '../storage/library-repo';
import { enqueuePublish, listPublishQueue } from '../storage/publish-repo';
import { createGitHttp } from '../publish/git-http';
import { createSerialQueue, type PublishOutcome } from '../publish/publish-queue';
import { loadGitCredentials, loadPublishTarget, publishesOnSave } from '../publish/target-store';
import { testConnection } from '../publish/test-connection';
import { loadSettings } from '../settings/store';

export interface PublishDeps {
  db: GleanerDB;
  now(): Date;
  /** The settings a publish on save renders with (the stored ones unless a test says). */
  renderSettings?(): Promise<RenderSettings>;
  /** How long a publish on save waits for the save's image capture (CAPTURE_WAIT_MS). */
  captureWaitMs?: number;
}

/**
 * A publish on save waits for the images the save is capturing (so they are stored before the
 * commit), but no longer than this: a slow image server does not hold the post back.
 */
export const CAPTURE_WAIT_MS = 60_000;

type PublishRequestType =
  'publish:article' | 'publish:queue' | 'publish:run' | 'publish:test' | 'publish:on-save';

type PublishHandlers = {
  [T in PublishRequestType]: (request: RequestOf<T>) => Promise<Response<T>>;
};

export interface PublishService {
  handlers: PublishHandlers;
  /**
   * Called after every save: when "Publish on save" is on (and the target is a repository),
   * publishes the article once `captured` (its image capture) is over. Never throws; the outcome
   * is answered to `publish:on-save`.
   */
  afterSave(articleId: string, captured: Promise<unknown>): void;
}

async function gitTarget() {
  const target = await loadPublishTarget();
  if (target.kind !== 'git' || !target.git.url) return null;
  return { target: target.git, credentials: await loadGitCredentials(target.git) };
}

const noTarget = () => err({ code: 'no-target', message: t('publish_no_target') });

async function storedRenderSettings(): Promise<RenderSettings> {
  const settings = await loadSettings();
  return { export: settings.export, siteRules: settings.siteRules };
}

/** Resolves when `promise` settles or after `ms`, whichever comes first. */
function settledOrAfter(promise: Promise<unknown>, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    const done = () => {
      clearTimeout(timer);
      resolve();
    };
    promise.then(done, done);
  });
}

export function createPublishService(deps: PublishDeps): PublishService {
  const http = createGitHttp();
  const runQueue = createSerialQueue({ db: deps.db, now: deps.now, http, gitTarget });
  /** The last publish on save of each article, for the popup that saved it. */
  const onSave = new Map<string, Promise<Response<'publish:on-save'>>>();

  /** Queues one publish and sends the queue: its outcome. */
  const publish = async (
    request: Omit<RequestOf<'publish:article'>, 'type'>,
  ): Promise<PublishOutcome> => {
    const id = crypto.randomUUID();
    await enqueuePublish(deps.db, {
      id,
      articleId: request.articleId,
      title: request.title,
      files: request.files,
      ...(request.images?.length ? { images: request.images } : {}),
      queuedAt: deps.now().toISOString(),
      attempts: 0,
      lastError: null,
    });
    const outcome = (await runQueue()).find((o) => o.id === id);
    // An older publish is still waiting for the server: this one waits behind it.
    return (
      outcome ?? {
        status: 'queued',
        id,
        articleId: request.articleId,
        code: 'unreachable',
        detail: '',
      }
    );
  };

  const publishAfterSave = async (
    articleId: string,
    captured: Promise<unknown>,
  ): Promise<Response<'publish:on-save'>> => {
    if (!publishesOnSave(await loadPublishTarget())) return ok(null);
    await settledOrAfter(captured, deps.captureWaitMs ?? CAPTURE_WAIT_MS);
    const [bundle] = await getBundles(deps.db, [articleId]);
    if (!bundle) return ok(null); // deleted meanwhile
    const settings = await (deps.renderSettings ?? storedRenderSettings)();
    // Templates, YAML and pinyin are set up on the first publish on save, not at each worker start.
    const { publishFiles } = await import('../publish/publish-files');
    // A service worker has no DOM (a Firefox background page has one).
    const { request, postPath } = publishFiles(bundle, settings, {
      dom: typeof document !== 'undefined',
      imageTypes: await imageTypesFor(deps.db, bundle.article.images),
    });
    return ok({ outcome: await publish(request), postPath });
  };

  const handlers: PublishHandlers = {
    'publish:article': async (request) => {
      if (!(await gitTarget())) return noTarget();
      return ok(await publish(request));
    },
    'publish:on-save': async (request) => (await onSave.get(request.articleId)) ?? ok(null),
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

  return {
    handlers,
    afterSave(articleId, captured) {
      const running = publishAfterSave(articleId, captured).catch((error: unknown) => {
        console.warn('Gleaner: publish on save failed', error);
        const reason = error instanceof Error ? error.message : String(error);
        return err({ code: 'publish-failed', message: t('publish_failed', reason) });
      });
      onSave.set(articleId, running);
    },
  };
}
