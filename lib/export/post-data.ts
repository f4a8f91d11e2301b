import type { PostImage } from './post-images';
import type { HighlightColor } from '../model';

/** A highlight as the export sees it: placed in the content, or orphaned (only listed). */
export interface PostHighlight {
  quote: string;
  note: string;
  color: HighlightColor;
  /** false when the highlight could not be found in the article any more. */
  placed: boolean;
}

/**
 * Everything a post template can use. Built in an extension page from a saved (or just
 * clipped) article, its tags and its highlights; `content` is the article in Markdown with the
 * placed highlights already marked in the chosen syntax.
 */
export interface PostData {
  title: string;
  url: string;
  canonicalUrl: string;
  siteName: string | null;
  author: string | null;
  language: string | null;
  /** ISO 8601 with the source's offset, or null when the page gave no date. */
  published: string | null;
  /** ISO 8601 with the user's offset. */
  savedAt: string;
  tags: string[];
  excerpt: string | null;
  leadImage: string | null;
  wordCount: number;
  content: string;
  highlights: PostHighlight[];
  /** The article's kept images: an export writes their files and links them (none: remote links). */
  images?: PostImage[];
}
