import type { Selector } from '../anchoring/types';
import type { ClipFailure, ExtractedArticle } from '../model';
import { err, ok, type Result } from '../result';
import { IMAGES_OFF } from '../assets/image-status';
import type { ImageCapture } from '../storage/article-image-capture';
import { createLibraryHandlers } from './library-handlers';
import { createPublishService, type PublishDeps } from './publish-handlers';
import { createSyncHandlers } from './sync-handlers';
import { isoWithLocalOffset } from '../export/post-date';
import { t } from '../i18n';
import { findSavedArticle, listTags, saveArticle } from '../storage/articles-repo';
import type { GleanerDB } from '../storage/db';
import {
  addHighlight,
  deleteHighlight,
  listHighlights,
  restoreHighlight,
  updateHighlight,
} from '../storage/highlights-repo';
import type {
  PageRequest,
  PageRequestOf,
  PageRequestType,
  PageResponse,
  Request,
  RequestOf,
  RequestType,
  Response,
} from './protocol';

/** What the handlers need from the browser, injected so they stay plain, testable functions. */
export interface BackgroundDeps extends PublishDeps {
  db: GleanerDB;
  extractFromTab(
    tabId: number,
    mode: 'article' | 'selection',
  ): Promise<Result<ExtractedArticle, ClipFailure>>;
  now(): Date;
  /** Starts the search indexer if it is idle. */
  kickIndexer?(): void;
  /** Keeps the indexer from starting for `ms` (bulk imports). */
  holdIndexer?(ms: number): void;
  /** Keeps saved articles' images; absent where images are not kept (no browser to fetch with). */
  imageCapture?: ImageCapture;
}

type Handlers = { [T in RequestType]: (request: RequestOf<T>) => Promise<Response<T>> };

/** The tab a content script wrote from, as the browser (not the page) reports it. */
export interface PageSender {
  tabId: number;
  url: string;
}

type PageHandlers = {
  [T in PageRequestType]: (
    request: PageRequestOf<T>,
    sender: PageSender,
  ) => Promise<PageResponse<T>>;
};

function storageFailure(error: unknown): { code: string; message: string } {
  const name = error instanceof Error ? error.name : '';
  if (name === 'QuotaExceededError' || (error instanceof Error && /quota/i.test(error.message))) {
    return {
      code: 'storage-full',
      message: t('error_storage_full'),
    };
  }
  return {
    code: 'storage-error',
    message: t('error_storage', error instanceof Error ? error.message : String(error)),
  };
}

export function createHandlers(deps: BackgroundDeps): Handlers {
  const publish = createPublishService(deps);
  return {
    ...createLibraryHandlers(deps),
    ...publish.handlers,
    ...createSyncHandlers(deps),
    'clip:extract': (request) => deps.extractFromTab(request.tabId, request.mode),

    'article:find': async (request) => ok((await findSavedArticle(deps.db, request.urls)) ?? null),

    'article:save': async (request) => {
      try {
        const outcome = await saveArticle(
          deps.db,
          request.article,
          request.tags,
          isoWithLocalOffset(deps.now()),
        );
        // The images follow the save: the answer does not wait for them.
        const captured =
          request.tabId !== undefined && deps.imageCapture
            ? deps.imageCapture
                .start(outcome.article, request.tabId)
                .catch((error: unknown) => console.warn('Gleaner: image capture failed', error))
            : Promise.resolve();
        // "Publish on save": once the images are stored, so the commit has what they left.
        publish.afterSave(outcome.article.id, captured);
        return ok(outcome);
      } catch (error) {
        return err(storageFailure(error));
      }
    },

    'tags:list': async () => ok(await listTags(deps.db)),

    'images:status': async (request) => {
      const article = await deps.db.articles.get(request.articleId);
      if (!article) return err({ code: 'not-found', message: t('error_article_gone') });
      return ok((await deps.imageCapture?.status(article)) ?? { ...IMAGES_OFF });
    },

    'images:retry': async (request) => {
      const article = await deps.db.articles.get(request.articleId);
      if (!article) return err({ code: 'not-found', message: t('error_article_gone') });
      try {
        return ok((await deps.imageCapture?.retry(article)) ?? { ...IMAGES_OFF });
      } catch (error) {
        return err(storageFailure(error));
      }
    },

    'highlight:list': async (request) => ok(await listHighlights(deps.db, request.articleId)),

    'highlight:create': async (request) => {
      try {
        const { articleId, quote, note, color, articleSelectors } = request;
        const fields = { articleId, quote, note, color, articleSelectors, pageSelectors: [] };
        return ok(await addHighlight(deps.db, fields, nowIso(deps)));
      } catch (error) {
        return err(storageFailure(error));
      }
    },

    'highlight:update': async (request) => {
      try {
        const changes = {
          ...(request.note !== undefined ? { note: request.note } : {}),
          ...(request.color !== undefined ? { color: request.color } : {}),
        };
        return ok(await updateHighlight(deps.db, request.id, changes, nowIso(deps)));
      } catch (error) {
        return err(storageFailure(error));
      }
    },

    'highlight:delete': async (request) =>
      ok(await deleteHighlight(deps.db, request.id, deps.now())),

    'highlight:restore': async (request) => {
      try {
        return ok(await restoreHighlight(deps.db, request.highlight));
      } catch (error) {
        return err(storageFailure(error));
      }
    },
  };
}

function nowIso(deps: BackgroundDeps): string {
  return isoWithLocalOffset(deps.now());
}

/** The quote selector of the page, without its position: positions on the page mean nothing in the article. */
function quoteOnly(selectors: readonly Selector[]): Selector[] {
  return selectors.filter((selector) => selector.type === 'TextQuoteSelector');
}

export function createPageHandlers(deps: BackgroundDeps): PageHandlers {
  return {
    'page:highlights': async (request, sender) => {
      const article = await findSavedArticle(deps.db, [sender.url, request.canonicalUrl]);
      if (!article) return ok({ articleId: null, highlights: [] });
      return ok({ articleId: article.id, highlights: await listHighlights(deps.db, article.id) });
    },

    // A highlight on a page that is not saved yet saves the article too.
    'page:highlight-create': async (request, sender) => {
      let article = await findSavedArticle(deps.db, [sender.url, request.canonicalUrl]);
      if (!article) {
        let clip = await deps.extractFromTab(sender.tabId, 'article');
        if (!clip.ok) clip = await deps.extractFromTab(sender.tabId, 'selection');
        if (!clip.ok) return err(clip.error);
        try {
          article = (await saveArticle(deps.db, clip.value, [], nowIso(deps))).article;
        } catch (error) {
          return err(storageFailure(error));
        }
      }
      try {
        const highlight = await addHighlight(
          deps.db,
          {
            articleId: article.id,
            quote: request.quote,
            note: '',
            color: request.color,
            articleSelectors: quoteOnly(request.pageSelectors),
            pageSelectors: request.pageSelectors,
          },
          nowIso(deps),
        );
        return ok(highlight);
      } catch (error) {
        return err(storageFailure(error));
      }
    },
  };
}

/** Routes one validated content-script request to its handler. */
export function dispatchPage(
  handlers: PageHandlers,
  request: PageRequest,
  sender: PageSender,
): Promise<PageResponse<PageRequestType>> {
  const handler = handlers[request.type] as (
    r: PageRequest,
    s: PageSender,
  ) => Promise<PageResponse<PageRequestType>>;
  return handler(request, sender);
}

/** Routes one validated request to its handler. */
export function dispatch(handlers: Handlers, request: Request): Promise<Response<RequestType>> {
  const handler = handlers[request.type] as (r: Request) => Promise<Response<RequestType>>;
  return handler(request);
}
