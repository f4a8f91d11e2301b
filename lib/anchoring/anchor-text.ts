import type { QuoteQuery, ScoredCandidate } from './choose-candidate';
import { chooseCandidate, holdsBothSides, scoreCandidate } from './choose-candidate';
import { findGaps } from './find-gap';
import { inkOf, inkToRawSpan, rawToInkOffset, toInk } from './ink-text';
import { matchQuote } from './match-quote';
import type {
  AnchorMethod,
  Selector,
  TextPositionSelector,
  TextQuoteSelector,
  TextSpan,
} from './types';

const BLANK_AT_START = /^\s/;
const BLANK_AT_END = /\s$/;

export interface AnchorOptions {
  /**
   * Offsets where the text breaks the line without a character, such as block element edges
   * (`DomText.breaks`). Without them, `Title` + `Text` in two blocks look like one word.
   */
  breaks?: readonly number[];
}

export interface TextAnchor {
  span: TextSpan;
  method: AnchorMethod;
}

/**
 * Finds where `selectors` point in `text` now, or null when the highlight must be shown as
 * orphaned. Tries, in order: (a) the old position if its text still is the quote, (b) exact
 * occurrences of the quote chosen by context, (c) a fuzzy match of the quote. Every step
 * demands supporting context, because a wrong place is worse than an orphan: the user trusts
 * what is painted.
 *
 * Blank characters are ignored throughout (see ink-text.ts). Without a quote selector there
 * is nothing to check a position against, so the result is null.
 */
export function anchorText(
  text: string,
  selectors: readonly Selector[],
  options: AnchorOptions = {},
): TextAnchor | null {
  const quoteSelector = selectors.find(
    (s): s is TextQuoteSelector => s.type === 'TextQuoteSelector',
  );
  if (!quoteSelector) return null;
  const position = selectors.find(
    (s): s is TextPositionSelector => s.type === 'TextPositionSelector',
  );
  const quote = inkOf(quoteSelector.exact);
  if (quote.length === 0) return null;
  const inkText = toInk(text);
  const { ink } = inkText;
  const query: QuoteQuery = {
    quote,
    prefix: inkOf(quoteSelector.prefix),
    suffix: inkOf(quoteSelector.suffix),
    hint: position ? rawToInkOffset(inkText, Math.min(position.start, text.length)) : undefined,
    breakBefore:
      BLANK_AT_END.test(quoteSelector.prefix) || BLANK_AT_START.test(quoteSelector.exact),
    breakAfter: BLANK_AT_START.test(quoteSelector.suffix) || BLANK_AT_END.test(quoteSelector.exact),
    breaks: new Set(options.breaks),
  };

  // (a) Nothing before the quote changed its length, and the context on both sides is intact.
  let atPosition: ScoredCandidate | undefined;
  if (position && isValidSpan(position, text.length)) {
    const { start, end } = position;
    if (inkOf(text.slice(start, end)) === quote) {
      const inkStart = rawToInkOffset(inkText, start);
      atPosition = scoreCandidate(inkText, query, {
        start: inkStart,
        end: inkStart + quote.length,
        quoteErrors: 0,
      });
      if (holdsBothSides(query, atPosition) && !atPosition.cutsWord)
        return { span: { start, end }, method: 'position' };
    }
  }

  // Where the quote's place is still there but empty, whatever matches elsewhere is a copy.
  // Only a candidate with both sides of its context intact explains the text better than a
  // gap at its own edge (which is then the quote's end repeating its prefix, say).
  let gaps: TextSpan[] | undefined;
  const cutOut = (c: ScoredCandidate) =>
    (gaps ??= findGaps(ink, query)).some(
      (g) => g.start > c.end || g.end < c.start || !holdsBothSides(query, c),
    );

  // (b) The quote still occurs verbatim: the occurrence with the best context. The old
  // position competes here too, so a copy of the passage inserted at the old offsets (a pull
  // quote, a teaser) does not win on position alone.
  const exact: ScoredCandidate[] = [];
  for (let at = ink.indexOf(quote); at !== -1; at = ink.indexOf(quote, at + 1)) {
    exact.push(
      scoreCandidate(inkText, query, { start: at, end: at + quote.length, quoteErrors: 0 }),
    );
  }
  if (exact.length > 0) {
    const best = chooseCandidate(query, exact);
    if (best && cutOut(best)) return null;
    if (best && position && best.start === atPosition?.start) {
      return { span: { start: position.start, end: position.end }, method: 'position' };
    }
    if (best) return { span: inkToRawSpan(inkText, best.start, best.end), method: 'exact' };
  }

  // (c) The quote was edited.
  const fuzzy = matchQuote(inkText, query);
  if (fuzzy && cutOut(fuzzy)) return null;
  if (fuzzy) return { span: inkToRawSpan(inkText, fuzzy.start, fuzzy.end), method: 'fuzzy' };
  return null;
}

function isValidSpan(span: TextSpan, length: number): boolean {
  return (
    Number.isInteger(span.start) &&
    Number.isInteger(span.end) &&
    span.start >= 0 &&
    span.start <= span.end &&
    span.end <= length
  );
}
