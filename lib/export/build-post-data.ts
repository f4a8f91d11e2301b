import { markInMarkdown, quoteSpans } from '../markdown/mark-in-markdown';
import { markdownWithHighlights } from '../markdown/with-highlights';
import type { HighlightSyntax } from '../markdown/html-to-markdown';
import type { ExtractedArticle, Highlight } from '../model';
import type { PostData } from './post-data';

/**
 * A clip (saved or not), its tags and highlights → what a post template renders. Needs a DOM,
 * unless it has no highlights or `highlightsNeedDom` says they can be marked without one.
 */
export function buildPostData(
  article: ExtractedArticle,
  tags: readonly string[],
  highlights: readonly Highlight[],
  savedAt: string,
  highlightSyntax: HighlightSyntax,
): PostData {
  const { markdown, placed } = highlights.length
    ? (markInMarkdown(article.markdown, article.text, highlights, highlightSyntax) ??
      markdownWithHighlights(article.html, article.url, highlights, highlightSyntax))
    : { markdown: article.markdown, placed: new Set<string>() };
  return {
    title: article.title,
    url: article.url,
    canonicalUrl: article.canonicalUrl,
    siteName: article.siteName,
    author: article.byline,
    language: article.language,
    published: article.published,
    savedAt,
    tags: [...tags],
    excerpt: article.excerpt,
    leadImage: article.leadImage,
    wordCount: article.wordCount,
    content: markdown,
    highlights: highlights.map((h) => ({
      quote: h.quote,
      note: h.note,
      color: h.color,
      placed: placed.has(h.id),
    })),
  };
}

/** Whether `buildPostData` needs a DOM for these highlights (to anchor them in the HTML). */
export function highlightsNeedDom(
  article: Pick<ExtractedArticle, 'markdown' | 'text'>,
  highlights: readonly Pick<Highlight, 'quote'>[],
): boolean {
  return (
    highlights.length > 0 &&
    !quoteSpans(
      article.markdown,
      article.text,
      highlights.map((h) => h.quote),
    )
  );
}
