/**
 * The one message protocol between extension pages and the background. Every message name and
 * shape lives here; the background validates each incoming message against these schemas.
 */
import { z } from 'zod';
import type { Article, ClipFailure, ExtractedArticle } from '../model';
import type { Result } from '../result';

const MAX_TEXT = 20_000_000;
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

export const requestSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('clip:extract'),
    tabId: z.number().int().nonnegative(),
    mode: z.enum(['article', 'selection']),
  }),
  z.object({ type: z.literal('article:find'), urls: z.array(text(8_000)).min(1).max(4) }),
  z.object({ type: z.literal('article:save'), article: extractedArticleSchema, tags: tagsSchema }),
  z.object({
    type: z.literal('article:export'),
    article: extractedArticleSchema,
    tags: tagsSchema,
  }),
  z.object({ type: z.literal('tags:list') }),
]);

export type Request = z.infer<typeof requestSchema>;
export type RequestType = Request['type'];
export type RequestOf<T extends RequestType> = Extract<Request, { type: T }>;

export interface ExportedFile {
  fileName: string;
  downloadId: number;
}

/** What each request answers. Failures carry a code the UI can act on and a readable message. */
export interface ResponseMap {
  'clip:extract': Result<ExtractedArticle, ClipFailure>;
  'article:find': Result<Article | null>;
  'article:save': Result<{ article: Article; created: boolean }>;
  'article:export': Result<ExportedFile>;
  'tags:list': Result<string[]>;
}

export type Response<T extends RequestType> = ResponseMap[T];

export function parseRequest(message: unknown): Request | null {
  const parsed = requestSchema.safeParse(message);
  return parsed.success ? parsed.data : null;
}
