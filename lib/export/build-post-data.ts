import { markdownWithHighlights } from '../markdown/with-highlights';
import type { HighlightSyntax } from '../markdown/html-to-markdown';
import type { ExtractedArticle, Highlight } from '../model';
import type { PostData } from './post-data';

/** A clip (saved or not), its tags and highlights → what a post template renders. Needs a DOM. */
export function buildPostData(
  article: ExtractedArticle,
  tags: readonly string[],
  highlights: readonly Highlight[],
  savedAt: string,
  highlightSyntax: HighlightSyntax,
): PostData {
  const { markdown, placed } = highlights.length
    ? markdownWithHighlights(article.html, article.url, highlights, highlightSyntax)
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
