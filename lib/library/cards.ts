/** Library rows and search texts made from stored records (shared by the background and the page). */
import type { Highlight } from '../model';
import type { SearchDoc } from './search-index';
import type { LibraryArticle, LibraryCard, SearchText } from './types';

export function cardOf(article: LibraryArticle, highlightCount: number): LibraryCard {
  return {
    id: article.id,
    title: article.title,
    siteName: article.siteName,
    url: article.canonicalUrl || article.url,
    published: article.published,
    savedAt: article.savedAt,
    tags: article.tags,
    highlightCount,
    wordCount: article.wordCount,
  };
}

/** What search reads of an article's highlights: each quote and each note, one per line. */
export function searchTextOf(
  article: LibraryArticle,
  highlights: readonly Highlight[],
): SearchText {
  return {
    text: article.text,
    notes: highlights
      .flatMap((h) => [h.quote, h.note])
      .filter(Boolean)
      .join('\n'),
  };
}

/** What the index ranks of an article, and its snippets quote: title and search text. */
export function searchDocOf(article: LibraryArticle, highlights: readonly Highlight[]): SearchDoc {
  return { id: article.id, title: article.title, ...searchTextOf(article, highlights) };
}
