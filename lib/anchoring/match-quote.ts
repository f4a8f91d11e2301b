import approxSearch from 'approx-string-match';
import type { Candidate, QuoteQuery, ScoredCandidate } from './choose-candidate';
import { chooseCandidate, scoreCandidate } from './choose-candidate';
import type { InkText } from './ink-text';
import { editDistance } from './similarity';

/**
 * Fuzzy matching of a quote that no longer occurs exactly (ink offsets and strings).
 *
 * Candidates come from two searches, because `approx-string-match` returns only the matches
 * with the fewest errors in the whole text:
 * - quote-led, as in Hypothesis: the quote with up to min(256, length / 2) errors;
 * - context-led: where the prefix and the suffix are found at most a quote's length (plus
 *   errors) apart, the text between them. This finds a short quote with a word changed even
 *   when some other passage happens to be closer to it in edit distance, and it shows where
 *   a quote was cut out, so that a quote-led match straddling the cut does not pass for it.
 */
export function matchQuote(text: InkText, query: QuoteQuery): ScoredCandidate | null {
  const { quote } = query;
  const { ink } = text;
  if (quote.length === 0 || ink.length === 0) return null;
  const maxErrors = Math.min(256, Math.floor(quote.length / 2));
  const candidates: Candidate[] = [];
  for (const m of approxSearch(ink, quote, maxErrors)) {
    candidates.push({ start: m.start, end: m.end, quoteErrors: m.errors });
  }
  candidates.push(...contextLed(ink, query, maxErrors));
  const scored = candidates.map((c) => scoreCandidate(text, query, c));
  return chooseCandidate(query, scored);
}

/** Context shorter than this finds too many places to pair up. */
const MIN_CONTEXT_SEARCH = 8;

function contextLed(ink: string, query: QuoteQuery, maxErrors: number): Candidate[] {
  const { prefix, suffix, quote } = query;
  if (prefix.length < MIN_CONTEXT_SEARCH || suffix.length < MIN_CONTEXT_SEARCH) return [];
  const prefixEnds = approxSearch(ink, prefix, Math.floor(prefix.length / 4)).map((m) => m.end);
  const suffixStarts = approxSearch(ink, suffix, Math.floor(suffix.length / 4))
    .map((m) => m.start)
    .sort((a, b) => a - b);
  const candidates: Candidate[] = [];
  for (const start of new Set(prefixEnds)) {
    for (const end of suffixStarts) {
      if (end < start) continue;
      if (end > start + quote.length + maxErrors) break;
      // Kept even when far from the quote (down to nothing left between prefix and suffix):
      // this is the place's true alignment, and it must be there to outrank a shifted
      // quote-led variant of the same place (see chooseCandidate).
      const limit = Math.max(quote.length, end - start);
      candidates.push({
        start,
        end,
        quoteErrors: editDistance(quote, ink.slice(start, end), limit),
      });
    }
  }
  return candidates;
}
