/** PostData for tests, built the way the extension builds it: extractArticle under jsdom. */
import { JSDOM, VirtualConsole } from 'jsdom';
import type { HighlightSyntax } from '@/lib/export/export-settings';
import { wrapHighlight } from '@/lib/markdown/html-to-markdown';
import type { PostData, PostHighlight } from '@/lib/export/post-data';
import { extractArticle } from '@/lib/extract/extract-article';
import type { ExtractedArticle } from '@/lib/model';

export function extract(html: string, url: string): ExtractedArticle {
  const dom = new JSDOM(html, { url, virtualConsole: new VirtualConsole() });
  const result = extractArticle(dom.window.document, url);
  dom.window.close();
  if (!result.ok) throw new Error(`${url}: ${result.error.message}`);
  return result.value;
}

/** The first sentence (or first words) of a paragraph, when it appears word for word in the Markdown. */
function quotable(article: ExtractedArticle, skip: number): string | null {
  const quotes = article.text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length >= 30)
    .map((line) => {
      const sentence = /^.{15,120}?[.!?。！？](?=\s|$)/u.exec(line)?.[0];
      if (sentence) return sentence;
      const cut = line.slice(0, 60);
      return /\p{Script=Han}/u.test(cut) ? cut : cut.replace(/\s+\S*$/, '');
    })
    .filter((quote) => article.markdown.includes(quote));
  return quotes[skip] ?? quotes[0] ?? null;
}

export interface PostDataOptions {
  tags: string[];
  savedAt: string;
  syntax: HighlightSyntax;
  /** Add one placed highlight with a note and one orphaned highlight. */
  highlights?: boolean;
}

/** An extracted article as the popup hands it to the export: tags, save time, highlights. */
export function postDataOf(article: ExtractedArticle, options: PostDataOptions): PostData {
  let content = article.markdown;
  const highlights: PostHighlight[] = [];
  const quote = options.highlights ? quotable(article, 1) : null;
  if (quote) {
    const at = content.indexOf(quote);
    content = `${content.slice(0, at)}${wrapHighlight(quote, options.syntax)}${content.slice(at + quote.length)}`;
    highlights.push({
      quote,
      note: 'Worth re-reading: the *key* claim — "quoted", with a colon.',
      color: 'yellow',
      placed: true,
    });
    highlights.push({
      quote: 'A sentence that was edited out of the article since: {{ not liquid }}',
      note: '',
      color: 'pink',
      placed: false,
    });
  }
  return {
    title: article.title,
    url: article.url,
    canonicalUrl: article.canonicalUrl,
    siteName: article.siteName,
    author: article.byline,
    language: article.language,
    published: article.published,
    savedAt: options.savedAt,
    tags: options.tags,
    excerpt: article.excerpt,
    leadImage: article.leadImage,
    wordCount: article.wordCount,
    content,
    highlights,
  };
}
