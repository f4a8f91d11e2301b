/**
 * Never worse than the base library: when our pipeline finds no article, or much less text than
 * vanilla Readability.js finds on the same page, the clip is Readability's article, cleaned the
 * way ours is. Vanilla Readability reads a clone of the whole page (it rewrites what it reads), so
 * it runs only when our result is missing or short for the page: it costs about as much again as
 * the rest of the extraction.
 */

import { looksLikeArticle } from './article-check';
import { cleanArticle, proseChars } from './clean-article';
import { FastReadability } from './fast-readability';

/** Ours is short for the page below this share of the page's text outside links. */
const SHORT_SHARE = 0.25;
/** The cleaned short story is taken when it keeps this share of the raw article's prose. */
const KEPT_PROSE = 0.8;
/** "Much less text": ours holds under this share of what Readability's cleaned article holds. */
const MUCH_LESS = 0.6;

function nonSpaceLength(element: Element): number {
  return (element.textContent ?? '').replace(/\s+/g, '').length;
}

/**
 * Ours is worth checking against vanilla Readability: none, or it holds under a quarter of the
 * page's text outside links (a story page's article is most of it; a fragment is not).
 */
export function needsReadabilityCheck(ours: Element | null, pageChars: number): boolean {
  return !ours || nonSpaceLength(ours) < pageChars * SHORT_SHARE;
}

/** Vanilla Readability's article (default options) on a clone of the page, or null. */
function vanillaArticle(doc: Document): Element | null {
  try {
    const clone = doc.cloneNode(true) as Document;
    return (
      new FastReadability<Element>(clone, {
        keepClasses: true,
        serializer: (element) => element as Element,
      }).parse()?.content ?? null
    );
  } catch {
    return null;
  }
}

/**
 * Readability's article cleaned when the cleaning kept its prose and took only furniture (a short
 * story under a headline, a caption and a contact box); else as Readability gave it, the cleaning
 * having taken story lines with the furniture.
 */
function shortStory(cleaned: Element, raw: Element | null): Element | null {
  if (!raw) return null;
  const kept = proseChars(cleaned);
  return kept > 0 && kept >= proseChars(raw) * KEPT_PROSE ? cleaned : raw;
}

/**
 * Ours, or Readability's cleaned article when ours holds much less text. Where we have none,
 * Readability's article is taken even when cleaning leaves too little of it to pass for an
 * article (a short story is still a story): cleaned if the cleaning kept its prose, else as
 * Readability gave it.
 */
export function withReadabilityFallback(
  doc: Document,
  ours: Element | null,
  title: string,
): Element | null {
  const vanilla = vanillaArticle(doc);
  if (!vanilla || !looksLikeArticle(vanilla)) return ours;
  const raw = ours ? null : (vanilla.cloneNode(true) as Element);
  cleanArticle(vanilla, { title });
  if (!looksLikeArticle(vanilla)) return ours ?? shortStory(vanilla, raw);
  if (!ours) return vanilla;
  return nonSpaceLength(ours) < nonSpaceLength(vanilla) * MUCH_LESS ? vanilla : ours;
}
