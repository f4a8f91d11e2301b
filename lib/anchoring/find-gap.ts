import approxSearch from 'approx-string-match';
import type { QuoteQuery } from './choose-candidate';
import { CONTEXT_HOLDS } from './choose-candidate';
import { contextErrors } from './similarity';
import type { TextSpan } from './types';

/** Context shorter than this is found in too many places to prove anything. */
const MIN_CONTEXT = 8;

/**
 * Places where the quote's prefix and suffix, both holding, meet with (nearly) nothing
 * between them: the passage was cut out there. A copy of it elsewhere (a teaser, a repeated
 * standfirst) is then not where the highlight belongs, however well it matches. Each gap is
 * returned as the span from the prefix's end to the suffix's start.
 */
export function findGaps(ink: string, query: QuoteQuery): TextSpan[] {
  const { prefix, suffix, quote } = query;
  const gaps: TextSpan[] = [];
  if (prefix.length < MIN_CONTEXT || suffix.length < MIN_CONTEXT) return gaps;
  const allowed = (context: string) => Math.floor(context.length * (1 - CONTEXT_HOLDS));
  const prefixEnds = new Set(approxSearch(ink, prefix, allowed(prefix)).map((m) => m.end));
  if (prefixEnds.size === 0) return gaps;
  const suffixStarts = new Set(approxSearch(ink, suffix, allowed(suffix)).map((m) => m.start));
  // "Nearly nothing": less than half the quote is left between the two.
  const maxGap = Math.floor(quote.length / 2);
  for (const end of prefixEnds) {
    for (const start of suffixStarts) {
      if (start < end || start - end > maxGap) continue;
      const prefixOk = contextErrors(ink, end, 'before', prefix) <= allowed(prefix);
      if (prefixOk && contextErrors(ink, start, 'after', suffix) <= allowed(suffix)) {
        gaps.push({ start: end, end: start });
      }
    }
  }
  return gaps;
}
