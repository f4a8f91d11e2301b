/**
 * The one message protocol between extension pages and the background. Every message name and
 * shape lives here; the background validates each incoming message against these schemas.
 */
import { z } from '../zod';
import {
  HIGHLIGHT_COLORS,
  type Article,
  type ClipFailure,
  type ExtractedArticle,
  type Highlight,
} from '../model';
import type { Selector } from '../anchoring/types';
import type { Result } from '../result';
import type { ImageStatus } from '../assets/image-status';
import type { ArticleBundle, ImportOutcome, LibraryEntry } from '../library/types';
import type { PublishOutcome } from '../publish/publish-queue';
import type { ConnectionResult } from '../publish/test-connection';
import type { QueuedPublish } from '../storage/publish-records';
import type { SyncReport } from '../sync/sync-with-git';

const MAX_TEXT = 20_000_000;
/** An image of MAX_IMAGE_BYTES (25 MB) in base64. */
const MAX_IMAGE_BASE64 = Math.ceil((25 * 1024 * 1024) / 3) * 4;
const text = (max = 4_000) => z.string().max(max);

export const extractedArticleSchema = z.object({
  title: text(2_000),
  byline: text(2_000).nullable(),
  siteName: text(500).nullable(),
  language: text(50).nullable(),
  url: text(8_000),
  canonicalUrl: text(8_000),
  published: text(60).nullable(),
  excerpt: text(10_000).nullable(),
  leadImage: text(8_000).nullable(),
  keywords: z.array(text(200)).max(100),
  html: text(MAX_TEXT),
  markdown: text(MAX_TEXT),
  text: text(MAX_TEXT),
  wordCount: z.number().int().nonnegative(),
  source: z.enum(['article', 'selection']),
}) satisfies z.ZodType<ExtractedArticle>;

const tagsSchema = z.array(text(200)).max(200);

export const selectorSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('TextQuoteSelector'),
    exact: text(100_000),
    prefix: text(1_000),
    suffix: text(1_000),
  }),
  z.object({
    type: z.literal('TextPositionSelector'),
    start: z.number().int().nonnegative(),
    end: z.number().int().nonnegative(),
  }),
]) satisfies z.ZodType<Selector>;
const selectorsSchema = z.array(selectorSchema).max(4);
const colorSchema = z.enum(HIGHLIGHT_COLORS);
const idSchema = text(100).min(1);

export const highlightSchema = z.object({
  id: idSchema,
  articleId: idSchema,
  quote: text(100_000),
  note: text(100_000),
  color: colorSchema,
  articleSelectors: selectorsSchema,
  pageSelectors: selectorsSchema,
  createdAt: text(60),
  updatedAt: text(60),
}) satisfies z.ZodType<Highlight>;

/** What a content script may ask: only about the page it runs in (the URL comes from the sender). */
export const pageRequestSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('page:highlights'), canonicalUrl: text(8_000) }),
  z.object({
    type: z.literal('page:highlight-create'),
    canonicalUrl: text(8_000),
    quote: text(100_000).min(1),
    pageSelectors: selectorsSchema.min(1),
    color: colorSchema,
  }),
]);

export const requestSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('clip:extract'),
    tabId: z.number().int().nonnegative(),
    mode: z.enum(['article', 'selection']),
  }),
  z.object({ type: z.literal('article:find'), urls: z.array(text(8_000)).min(1).max(4) }),
  z.object({
    type: z.literal('article:save'),
    article: extractedArticleSchema,
    tags: tagsSchema,
    /** The tab the article was clipped from: its images are fetched from there after the save. */
    tabId: z.number().int().nonnegative().optional(),
  }),
  z.object({ type: z.literal('images:status'), articleId: idSchema }),
  z.object({ type: z.literal('images:retry'), articleId: idSchema }),
  z.object({ type: z.literal('tags:list') }),
  z.object({ type: z.literal('highlight:list'), articleId: idSchema }),
  z.object({
    type: z.literal('highlight:create'),
    articleId: idSchema,
    quote: text(100_000).min(1),
    note: text(100_000),
    color: colorSchema,
    articleSelectors: selectorsSchema.min(1),
  }),
  z.object({
    type: z.literal('highlight:update'),
    id: idSchema,
    note: text(100_000).optional(),
    color: colorSchema.optional(),
  }),
  z.object({ type: z.literal('highlight:delete'), id: idSchema }),
  z.object({ type: z.literal('highlight:restore'), highlight: highlightSchema }),
  ...libraryRequestSchemas(),
  ...publishRequestSchemas(),
]);

export type Request = z.infer<typeof requestSchema>;
export type RequestType = Request['type'];
export type RequestOf<T extends RequestType> = Extract<Request, { type: T }>;

export type PageRequest = z.infer<typeof pageRequestSchema>;
export type PageRequestType = PageRequest['type'];
export type PageRequestOf<T extends PageRequestType> = Extract<PageRequest, { type: T }>;

/** What each request answers. Failures carry a code the UI can act on and a readable message. */
export interface ResponseMap {
  'clip:extract': Result<ExtractedArticle, ClipFailure>;
  'article:find': Result<Article | null>;
  'article:save': Result<{ article: Article; created: boolean }>;
  'tags:list': Result<string[]>;
  'images:status': Result<ImageStatus>;
  /** Tries the article's remote images again; answers once they were all tried. */
  'images:retry': Result<ImageStatus>;
  'highlight:list': Result<Highlight[]>;
  'highlight:create': Result<Highlight>;
  'highlight:update': Result<Highlight>;
  'highlight:delete': Result<Highlight | null>;
  'highlight:restore': Result<Highlight>;
  /** `total` is null when the request said `withTotal: false`. */
  'library:entries': Result<{ entries: LibraryEntry[]; total: number | null }>;
  'library:bundles': Result<ArticleBundle[]>;
  'library:index-status': Result<{ queued: number }>;
  'library:retag': Result<{ changed: number }>;
  'library:rename-tag': Result<{ changed: number }>;
  'library:delete': Result<ArticleBundle[]>;
  'library:restore': Result<{ restored: number }>;
  'library:import': Result<ImportOutcome[]>;
  'library:import-hold': Result<null>;
  /** Images stored, and those refused (bytes not as named, no imported article uses them). */
  'library:import-images': Result<{ stored: number; refused: { hash: string; reason: string }[] }>;
  /** The outcome of this publish: sent, waiting in the queue, or failed (not queued). */
  'publish:article': Result<PublishOutcome>;
  /**
   * The publish that followed the article's last save ("Publish on save"), once it is over; null
   * when that save published nothing (the setting is off, the target is not a repository).
   */
  'publish:on-save': Result<{ outcome: PublishOutcome; postPath: string } | null>;
  'publish:queue': Result<Omit<QueuedPublish, 'files'>[]>;
  /** "Publish now": the outcomes of the publishes tried. */
  'publish:run': Result<PublishOutcome[]>;
  'publish:test': Result<ConnectionResult>;
  /** "Sync": what came in from the repository, what went out, what could not be merged. */
  'library:sync': Result<SyncReport>;
}

export interface PageResponseMap {
  'page:highlights': Result<{ articleId: string | null; highlights: Highlight[] }>;
  'page:highlight-create': Result<Highlight>;
}

export type PageResponse<T extends PageRequestType> = PageResponseMap[T];

export type Response<T extends RequestType> = ResponseMap[T];

export function parseRequest(message: unknown): Request | null {
  const parsed = requestSchema.safeParse(message);
  return parsed.success ? parsed.data : null;
}

export function parsePageRequest(message: unknown): PageRequest | null {
  const parsed = pageRequestSchema.safeParse(message);
  return parsed.success ? parsed.data : null;
}

/**
 * The library page's requests (issue 4). A function so the schemas above are defined when the
 * union is built; each batch is bounded so one message stays far below the messaging limit.
 */
function libraryRequestSchemas() {
  const ids = (max: number) => z.array(idSchema).max(max);
  const dated = { tags: tagsSchema, savedAt: text(60), updatedAt: text(60) };
  const categories = z.array(text(200)).max(50).optional();
  const incomingArticle = extractedArticleSchema
    .extend({ ...dated, id: idSchema.optional(), urlKey: text(8_000).optional(), categories })
    .loose();
  const incomingHighlight = highlightSchema
    .omit({ articleId: true })
    .extend({ id: idSchema.optional(), articleId: idSchema.optional() })
    .loose();
  const record = z.object({
    article: incomingArticle,
    highlights: z.array(incomingHighlight).max(10_000),
  });
  const storedArticle = extractedArticleSchema
    .extend({ ...dated, id: idSchema, urlKey: text(8_000), categories })
    .loose();
  const bundle = z.object({ article: storedArticle, highlights: z.array(highlightSchema) });
  return [
    z.object({
      type: z.literal('library:entries'),
      offset: z.number().int().nonnegative(),
      limit: z.number().int().min(0).max(2_000),
      withText: z.boolean(),
      /** Counting is a walk over every record in Chromium's IndexedDB (~300 ms at 10,000). */
      withTotal: z.boolean().optional(),
    }),
    z.object({ type: z.literal('library:bundles'), ids: ids(1_000) }),
    /** How many articles wait for the search indexer (and a nudge to it). */
    z.object({ type: z.literal('library:index-status') }),
    z.object({
      type: z.literal('library:retag'),
      ids: ids(1_000_000),
      add: tagsSchema,
      remove: tagsSchema,
    }),
    z.object({
      type: z.literal('library:rename-tag'),
      from: text(200).min(1),
      to: text(200).min(1),
    }),
    z.object({ type: z.literal('library:delete'), ids: ids(1_000) }),
    z.object({ type: z.literal('library:restore'), bundles: z.array(bundle).max(1_000) }),
    z.object({
      type: z.literal('library:import'),
      records: z.array(record).max(1_000),
      keepIds: z.boolean(),
    }),
    /** The library page writes an import batch itself: the indexer waits while batches come. */
    z.object({ type: z.literal('library:import-hold') }),
    /**
     * Kept images of imported articles, after the articles (lib/library/import-images.ts): bytes
     * in base64, a few MB a message (one image alone may be up to 25 MB).
     */
    z.object({
      type: z.literal('library:import-images'),
      images: z
        .array(
          z.object({
            hash: z.string().regex(/^[0-9a-f]{64}$/),
            type: text(100),
            data: z.string().max(MAX_IMAGE_BASE64),
            articleIds: ids(10_000).min(1),
          }),
        )
        .min(1)
        .max(1_000),
    }),
  ] as const;
}

/**
 * Publishing to the user's repository (issue 16). Paths are relative (no `..`, no leading `/`):
 * the background puts them under the target's folder.
 */
function publishRequestSchemas() {
  const relativePath = z
    .string()
    .min(1)
    .max(1_000)
    .regex(/^(?!\/)(?!.*(?:^|\/)\.\.?(?:\/|$))[^\0\\]+$/);
  return [
    z.object({
      type: z.literal('publish:article'),
      articleId: idSchema,
      title: text(2_000),
      files: z
        .array(z.object({ path: relativePath, content: text(MAX_TEXT) }))
        .min(1)
        .max(50),
      /** The kept images the post links: the background reads their bytes by hash. */
      images: z
        .array(z.object({ path: relativePath, hash: z.string().regex(/^[0-9a-f]{64}$/) }))
        .max(500)
        .optional(),
    }),
    z.object({ type: z.literal('publish:on-save'), articleId: idSchema }),
    z.object({ type: z.literal('publish:queue') }),
    z.object({ type: z.literal('publish:run') }),
    z.object({ type: z.literal('publish:test') }),
    /** Merges the library with the repository's `_gleaner` records, then pushes this one's. */
    z.object({ type: z.literal('library:sync') }),
  ] as const;
}
