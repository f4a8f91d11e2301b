/** Plain, serialisable records shared by every stage: page → extract → markdown → storage → export. */
import type { Selector } from './anchoring/types';

/** What the extractor returns from a tab (a plain object: it crosses `scripting.executeScript`). */
export interface ExtractedArticle {
  /** The page's headline, without the " _ site name" suffix pages add to `<title>`. */
  title: string;
  byline: string | null;
  siteName: string | null;
  /** BCP 47 language of the page, e.g. `zh-CN`, or null when the page does not say. */
  language: string | null;
  /** The URL the tab showed when it was clipped. */
  url: string;
  /** `link[rel=canonical]`, else `og:url`, else the tab URL without tracking parameters. */
  canonicalUrl: string;
  /** ISO 8601 with the source's own UTC offset, e.g. `2022-01-12T21:56:33+08:00`; null when unknown. */
  published: string | null;
  excerpt: string | null;
  leadImage: string | null;
  keywords: string[];
  /** Article HTML, sanitised with DOMPurify. */
  html: string;
  markdown: string;
  /** Plain text with a newline at each block. */
  text: string;
  /** Words, counting each Han/Kana character as one word. */
  wordCount: number;
  /** `article` when Readability (or our fallback) found it; `selection` for a clip of the user's selection. */
  source: 'article' | 'selection';
}

/** A saved article as the library keeps it. */
export interface Article extends ExtractedArticle {
  id: string;
  /** Normalised URL: the unique key that makes a second save of the same page an update. */
  urlKey: string;
  tags: string[];
  /** ISO 8601 with the user's offset. */
  savedAt: string;
  updatedAt: string;
  /** The article's images and whether each is kept (absent until image capture ran). */
  images?: ArticleImage[];
}

/** Why an image of an article is still only at its remote URL. */
export type ImageFailure =
  'unreachable' | 'not-an-image' | 'too-large' | 'article-limit' | 'storage-full' | 'no-access';

/** One image of a saved article, by the URL its HTML shows it from. */
export interface ArticleImage {
  url: string;
  alt: string;
  /** The stored bytes' SHA-256; absent while the image is kept remote. */
  hash?: string;
  failure?: ImageFailure;
}

/** An image's bytes, stored once however many articles use them. */
export interface StoredImage {
  hash: string;
  blob: Blob;
  /** MIME type, e.g. `image/png`. */
  type: string;
  bytes: number;
  /** The articles that use it; empty once released. */
  articleIds: string[];
  /** When the last article let go of it (ISO 8601): kept a while so an undo gets it back. */
  releasedAt?: string;
}

export type ClipFailureCode =
  | 'no-article'
  | 'no-selection'
  | 'cannot-access-page'
  | 'extraction-failed'
  | 'too-large'
  | 'too-slow'
  | 'tab-not-found';

export interface ClipFailure {
  code: ClipFailureCode;
  message: string;
}

export const HIGHLIGHT_COLORS = ['yellow', 'green', 'blue', 'pink'] as const;
export type HighlightColor = (typeof HIGHLIGHT_COLORS)[number];

/** A highlighted passage of a saved article, with the user's note. */
export interface Highlight {
  id: string;
  articleId: string;
  /** The highlighted text as it was when made (still listed and exported when orphaned). */
  quote: string;
  note: string;
  color: HighlightColor;
  /** Where it sits in the stored article: selectors against `textOf()` of the article HTML. */
  articleSelectors: Selector[];
  /** Where it sat on the live page: selectors against `textOf(document.body)`; empty if made in the popup. */
  pageSelectors: Selector[];
  createdAt: string;
  updatedAt: string;
  /** When it was last put back after a deletion (undo): a sync lets it win over that deletion. */
  restoredAt?: string;
}
