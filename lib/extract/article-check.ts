import { countWords } from './word-count';

/** Below this many words (a Han character counts as one) a result is not an article. */
export const MIN_ARTICLE_WORDS = 80;

/**
 * Readability returns the biggest block it finds even on a page of links (a front page, a
 * search result). Such a block is short or mostly link text; neither is an article.
 */
export function looksLikeArticle(content: Element): boolean {
  const text = content.textContent ?? '';
  const words = countWords(text);
  if (words < MIN_ARTICLE_WORDS) return false;
  let linkWords = 0;
  for (const link of content.querySelectorAll('a')) linkWords += countWords(link.textContent ?? '');
  return linkWords / words < 0.5;
}
