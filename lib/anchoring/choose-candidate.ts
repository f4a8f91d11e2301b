import { MAX_CONTEXT } from './describe-text';
import { contextErrors } from './similarity';

/**
 * Scoring and acceptance of candidate places, shared by the exact and the fuzzy step. All
 * offsets and strings here are in ink (see ink-text.ts).
 */

/** What a stored quote selector says, in ink. `hint` is where the quote used to start. */
export interface QuoteQuery {
  quote: string;
  prefix: string;
  suffix: string;
  hint: number | undefined;
}

/** A place where the quote may be now; `quoteErrors` is its edit distance to the quote. */
export interface Candidate {
  start: number;
  end: number;
  quoteErrors: number;
}

export interface ScoredCandidate extends Candidate {
  /** Similarities from 0 to 1 of the quote, and of the context on each side. */
  quote: number;
  prefix: number;
  suffix: number;
  /** Edits in prefix + quote + suffix together, and in the context alone. */
  errors: number;
  contextErrors: number;
}

/**
 * A context side "holds" at ≥ 0.9: at most 3 edits in 32 characters. A copy of the quote a
 * few characters away (the pitfall for short quotes after a deletion) shifts both sides by
 * that many characters, so it fails this as soon as it is 4 or more characters off, while a
 * word changed next to the quote still leaves the other side intact.
 */
export const CONTEXT_HOLDS = 0.9;

/**
 * Fuzzy quote similarity needed when only one side of the context holds. A word changed in a
 * sentence costs well under 20%; an unrelated or merely similar passage costs far more.
 */
export const FUZZY_ONE_SIDE = 0.8;

/**
 * Fuzzy quote similarity needed when both sides of the context hold: the context then pins
 * the place, and the quote only has to show that the text between is an edit of it rather
 * than a replacement. Lower, so a two- or three-word quote with one word changed is found.
 */
export const FUZZY_BRACKETED = 0.5;

/** Context that short is weak evidence and does not count as holding. */
const MIN_CONTEXT = 8;

/**
 * Supported candidates elsewhere whose edits exceed the best one's by at most this share of
 * a context side make the choice a guess: a quarter of a side is what separates, say, an
 * original whose prefix was lost to an inserted paragraph from a copy that kept the prefix.
 */
const AMBIGUITY_SHARE = 0.25;

/**
 * With several equally good candidates the nearest one to the old position is taken only if
 * the next one is at least this many times farther away.
 */
const DECISIVE_DISTANCE_RATIO = 4;

export function scoreCandidate(
  ink: string,
  query: QuoteQuery,
  candidate: Candidate,
): ScoredCandidate {
  const quote = 1 - candidate.quoteErrors / query.quote.length;
  const prefixErrors = contextErrors(ink, candidate.start, 'before', query.prefix);
  const suffixErrors = contextErrors(ink, candidate.end, 'after', query.suffix);
  // An empty stored context means the quote touched the edge of the text; it still holds if
  // the candidate does too.
  const prefix = query.prefix
    ? 1 - prefixErrors / query.prefix.length
    : candidate.start === 0
      ? 1
      : 0;
  const suffix = query.suffix
    ? 1 - suffixErrors / query.suffix.length
    : candidate.end === ink.length
      ? 1
      : 0;
  return {
    ...candidate,
    quote,
    prefix,
    suffix,
    errors: candidate.quoteErrors + prefixErrors + suffixErrors,
    contextErrors: prefixErrors + suffixErrors,
  };
}

function holds(similarity: number, stored: string): boolean {
  // Edge context ('' stored) is decisive only when matched exactly.
  if (stored.length === 0) return similarity === 1;
  return stored.length >= MIN_CONTEXT && similarity >= CONTEXT_HOLDS;
}

/**
 * Whether a side tells this occurrence apart on its own. A side grown to MAX_CONTEXT could
 * not be made to (describe-text.ts): a copy elsewhere may match it just as well.
 */
function distinctive(stored: string): boolean {
  return stored.length < MAX_CONTEXT;
}

/** Whether the context on both sides is as good as intact. */
export function holdsBothSides(query: QuoteQuery, candidate: ScoredCandidate): boolean {
  return holds(candidate.prefix, query.prefix) && holds(candidate.suffix, query.suffix);
}

/** Whether the evidence is strong enough to place the highlight there. */
export function isSupported(query: QuoteQuery, candidate: ScoredCandidate): boolean {
  const prefixHolds = holds(candidate.prefix, query.prefix);
  const suffixHolds = holds(candidate.suffix, query.suffix);
  const bothHold = prefixHolds && suffixHolds;
  const oneTells =
    (prefixHolds && distinctive(query.prefix)) || (suffixHolds && distinctive(query.suffix));
  if (candidate.quoteErrors === 0) return bothHold || oneTells;
  if (bothHold) return candidate.quote >= FUZZY_BRACKETED;
  return oneTells && candidate.quote >= FUZZY_ONE_SIDE;
}

function overlaps(a: Candidate, b: Candidate): boolean {
  return a.start < b.end && b.start < a.end;
}

function distance(candidate: Candidate, query: QuoteQuery): number {
  return query.hint === undefined ? 0 : Math.abs(candidate.start - query.hint);
}

/**
 * The candidate with the fewest edits in quote and context together (ties: fewer in the
 * context, so a changed word at the quote's edge stays inside the quote), if the evidence
 * supports it; otherwise null.
 *
 * Overlapping candidates are one place, judged by its best alignment only: a shifted
 * variant that happens to pass the thresholds must not stand in for it. When other places
 * are about as good, the context cannot tell them apart: the one nearest to the old position
 * is taken only if the position clearly singles it out; otherwise the highlight is orphaned
 * rather than guessed.
 */
export function chooseCandidate(
  query: QuoteQuery,
  candidates: readonly ScoredCandidate[],
): ScoredCandidate | null {
  const ranked = [...candidates].sort(
    (a, b) =>
      a.errors - b.errors ||
      a.contextErrors - b.contextErrors ||
      distance(a, query) - distance(b, query),
  );
  const places: ScoredCandidate[] = [];
  for (const c of ranked) if (places.every((p) => !overlaps(p, c))) places.push(c);
  const supported = places.filter((p) => isSupported(query, p));
  const best = supported[0];
  if (!best) return null;
  const margin = Math.max(
    2,
    Math.ceil(AMBIGUITY_SHARE * Math.max(query.prefix.length, query.suffix.length)),
  );
  const group = supported.filter((p) => p.errors <= best.errors + margin);
  if (group.length === 1) return best;
  if (query.hint === undefined) return null;
  group.sort((a, b) => distance(a, query) - distance(b, query));
  const [nearest, next] = group;
  if (!nearest || !next) return null;
  return distance(nearest, query) * DECISIVE_DISTANCE_RATIO <= distance(next, query)
    ? nearest
    : null;
}
