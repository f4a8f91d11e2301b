import { countWords } from './word-count';

/** Below this many words (a Han character counts as one) a result is not an article. */
export const MIN_ARTICLE_WORDS = 40;

/** A block with this much text outside links is a story paragraph, not a list of headlines. */
const PARAGRAPH_CHARS = 200;

function hasLongParagraph(content: Element): boolean {
  for (const block of content.querySelectorAll('p, div, td, li, blockquote, section, article')) {
    let text = 0;
    for (let child = block.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 3) text += (child.nodeValue ?? '').trim().length;
      else if (
        child.nodeType === 1 &&
        !/^(?:A|P|DIV|TD|LI|UL|OL|TABLE)$/.test((child as Element).tagName)
      )
        text += (child.textContent ?? '').trim().length;
    }
    if (text >= PARAGRAPH_CHARS) return true;
  }
  return false;
}

/**
 * Readability returns the biggest block it finds even on a page of links (a front page, a
 * search result). Such a block is short or mostly link text; neither is an article — unless it
 * still holds a real paragraph (a short story with a list of links under it).
 */
export function looksLikeArticle(content: Element): boolean {
  const text = content.textContent ?? '';
  const words = countWords(text);
  if (words < MIN_ARTICLE_WORDS) return false;
  let linkWords = 0;
  for (const link of content.getElementsByTagName('a'))
    linkWords += countWords(link.textContent ?? '');
  return linkWords / words < 0.5 || hasLongParagraph(content);
}
