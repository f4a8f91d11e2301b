import type { ClipFailure, ExtractedArticle } from '../model';
import { err, ok, type Result } from '../result';
import { renderJekyllPost } from '../export/jekyll-post';
import { isoWithLocalOffset } from '../export/post-date';
import { findSavedArticle, listTags, saveArticle } from '../storage/articles-repo';
import type { GleanerDB } from '../storage/db';
import type { Request, RequestOf, RequestType, Response } from './protocol';

/** What the handlers need from the browser, injected so they stay plain, testable functions. */
export interface BackgroundDeps {
  db: GleanerDB;
  extractFromTab(
    tabId: number,
    mode: 'article' | 'selection',
  ): Promise<Result<ExtractedArticle, ClipFailure>>;
  download(fileName: string, content: string): Promise<number>;
  now(): Date;
}

type Handlers = { [T in RequestType]: (request: RequestOf<T>) => Promise<Response<T>> };

function storageFailure(error: unknown): { code: string; message: string } {
  const name = error instanceof Error ? error.name : '';
  if (name === 'QuotaExceededError' || (error instanceof Error && /quota/i.test(error.message))) {
    return {
      code: 'storage-full',
      message:
        'The browser has no room left for Gleaner’s library. Nothing was saved; free some disk space and try again.',
    };
  }
  return {
    code: 'storage-error',
    message: `The library could not be written (${error instanceof Error ? error.message : String(error)}). Nothing was saved.`,
  };
}

export function createHandlers(deps: BackgroundDeps): Handlers {
  return {
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
        return ok(outcome);
      } catch (error) {
        return err(storageFailure(error));
      }
    },

    'article:export': async (request) => {
      const saved = await findSavedArticle(deps.db, [
        request.article.canonicalUrl,
        request.article.url,
      ]);
      const post = renderJekyllPost({
        ...request.article,
        tags: request.tags,
        savedAt: saved?.savedAt ?? isoWithLocalOffset(deps.now()),
      });
      try {
        const downloadId = await deps.download(post.fileName, post.content);
        return ok({ fileName: post.fileName, downloadId });
      } catch (error) {
        return err({
          code: 'download-failed',
          message: `The file could not be saved: ${error instanceof Error ? error.message : String(error)}`,
        });
      }
    },

    'tags:list': async () => ok(await listTags(deps.db)),
  };
}

/** Routes one validated request to its handler. */
export function dispatch(handlers: Handlers, request: Request): Promise<Response<RequestType>> {
  const handler = handlers[request.type] as (r: Request) => Promise<Response<RequestType>>;
  return handler(request);
}
