/**
 * Readability's answer, or the largest text block of the page when Readability returned nothing
 * or too little: it drops paragraphs under its length thresholds (many Chinese stories are made of
 * nothing else), and a class name like "…-with-sidebar" on the story's container makes it throw
 * the whole story away and keep a disclaimer. "Too little" means the page's main block holds over
 * twice the text and contains what Readability found, and more of it reads as prose: then
 * Readability kept a fragment.
 */

import { cleanArticle, proseChars } from './clean-article';
import { narrowToStoryBody } from './content-body';
import { copyOut } from './reading-copy';
import { largestTextBlock, type TextMap } from './text-blocks';

/** The block must hold this many times Readability's prose to be taken instead. */
const MORE_PROSE = 1.5;

const HAN_OR_KANA = /([\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3040-\u30ff])/g;
const WORD = /[\p{L}\p{N}_]+/gu;

function tokens(text: string): string[] {
  return text.toLowerCase().replace(HAN_OR_KANA, ' $1 ').match(WORD) ?? [];
}

function nonSpaceLength(element: Element): number {
  return (element.textContent ?? '').replace(/\s+/g, '').length;
}

/** Share of `part`'s tokens (with repeats) found in `whole`. */
function containedShare(part: readonly string[], whole: readonly string[]): number {
  if (!part.length) return 1;
  const counts = new Map<string, number>();
  for (const token of whole) counts.set(token, (counts.get(token) ?? 0) + 1);
  let found = 0;
  for (const token of part) {
    const left = counts.get(token) ?? 0;
    if (left > 0) {
      found += 1;
      counts.set(token, left - 1);
    }
  }
  return found / part.length;
}

export interface ContentChoiceInput {
  doc: Document;
  skipped: ReadonlySet<Element>;
  /** Where the page's text is (`mapText` of its body). */
  map: TextMap;
  /** Readability's article, already cleaned; null when it found none. */
  readability: Element | null;
  title: string;
}

/** The block to clip: Readability's, or the page's largest text block (copied and cleaned). */
export function chooseContent({
  doc,
  skipped,
  map,
  readability,
  title,
}: ContentChoiceInput): Element | null {
  const narrowed = readability ? narrowToStoryBody(readability) : null;
  if (narrowed !== readability) return narrowed;
  const block = largestTextBlock(map);
  if (!block) return readability;
  const readabilityChars = readability ? nonSpaceLength(readability) : 0;
  const blockChars = map.stats.get(block)?.text ?? 0;
  if (readability && blockChars <= 2 * readabilityChars) return readability;
  const readabilityTokens = readability ? tokens(readability.textContent ?? '') : [];
  if (readability && containedShare(readabilityTokens, tokens(block.textContent ?? '')) < 0.5)
    return readability;
  const container = copyOut(doc, block, skipped, title);
  cleanArticle(container, { title });
  if (!readability) return container;
  // More text that is not more prose is the block's furniture (contact lines, widgets, link
  // labels left after cleaning), not story Readability missed.
  return tokens(container.textContent ?? '').length > 2 * readabilityTokens.length &&
    proseChars(container) > proseChars(readability) * MORE_PROSE
    ? container
    : readability;
}
