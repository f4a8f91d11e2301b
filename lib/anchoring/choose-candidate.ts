import { MAX_CONTEXT } from './describe-text';
import type { InkText } from './ink-text';
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
  /** Whether blank space separated the quote from the text before / after it. */
  breakBefore: boolean;
  breakAfter: boolean;
  /** Raw offsets of line breaks that are no character (see AnchorOptions). */
  breaks: ReadonlySet<number>;
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
  /** Whether it starts or ends inside a word where the quote started or ended at a break. */
  cutsWord: boolean;
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
 * than a replacement. Lower, so a three-word quote with one word changed is found.
 */
export const FUZZY_BRACKETED = 0.5;

/** Context that short is weak evidence and does not count as holding. */
const MIN_CONTEXT = 8;

/**
 * Supported candidates elsewhere with at most this share more edits than the best one (plus
 * two) are "about as good": the context cannot tell them apart. Half, so that an original
 * whose prefix was lost to an inserted paragraph and a copy that kept the prefix but not the
 * suffix count as a tie, while a candidate with intact context beats a near copy.
 */
const AMBIGUITY_SHARE = 0.5;

/** Letters and digits of scripts that separate words with spaces. */
const SPACED_WORD_CHAR = /[\p{L}\p{N}]/u;
const UNSPACED_SCRIPT =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;

function isWordChar(char: string | undefined): boolean {
  return char !== undefined && SPACED_WORD_CHAR.test(char) && !UNSPACED_SCRIPT.test(char);
}

/** Whether ink offset `at` falls inside a word: two word characters, nothing between. */
function insideWord(text: InkText, at: number, breaks: ReadonlySet<number>): boolean {
  if (at <= 0 || at >= text.ink.length) return false;
  const raw = text.raw[at] ?? 0;
  const joined = raw - (text.raw[at - 1] ?? 0) === 1 && !breaks.has(raw);
  return joined && isWordChar(text.ink[at - 1]) && isWordChar(text.ink[at]);
}

export function scoreCandidate(
  text: InkText,
  query: QuoteQuery,
  candidate: Candidate,
): ScoredCandidate {
  const { ink } = text;
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
    cutsWord:
      (query.breakBefore && insideWord(text, candidate.start, query.breaks)) ||
      (query.breakAfter && insideWord(text, candidate.end, query.breaks)),
  };
}

function holds(similarity: number, stored: string): boolean {
  // Edge context ('' stored) is decisive only when matched exactly.
  if (stored.length === 0) return similarity === 1;
  return stored.length >= MIN_CONTEXT && similarity >= CONTEXT_HOLDS;
}

/**
 * Whether a side tells this occurrence apart on its own. A side grown to MAX_CONTEXT may have
 * been grown in vain (describe-text.ts): a copy elsewhere may match it just as well.
 */
function distinctive(stored: string): boolean {
  return stored.length < MAX_CONTEXT;
}

/** Neither side tells the quote apart from its copies: only the position can. */
function isAmbiguous(query: QuoteQuery): boolean {
  return !distinctive(query.prefix) && !distinctive(query.suffix);
}

/** Whether the context on both sides is as good as intact. */
export function holdsBothSides(query: QuoteQuery, candidate: ScoredCandidate): boolean {
  return holds(candidate.prefix, query.prefix) && holds(candidate.suffix, query.suffix);
}

/** Whether the evidence is strong enough to place the highlight there. */
export function isSupported(query: QuoteQuery, candidate: ScoredCandidate): boolean {
  if (candidate.cutsWord) return false;
  const prefixHolds = holds(candidate.prefix, query.prefix);
  const suffixHolds = holds(candidate.suffix, query.suffix);
  const bothHold = prefixHolds && suffixHolds;
  const oneTells =
    (prefixHolds && distinctive(query.prefix)) || (suffixHolds && distinctive(query.suffix));
  if (candidate.quoteErrors === 0) return bothHold || oneTells;
  if (bothHold) return candidate.quote >= FUZZY_BRACKETED;
  return oneTells && candidate.quote >= FUZZY_ONE_SIDE;
}

/** Overlapping or touching: one place, seen two ways. */
function samePlace(a: Candidate, b: Candidate): boolean {
  return a.start <= b.end && b.start <= a.end;
}

function distance(candidate: Candidate, query: QuoteQuery): number {
  return query.hint === undefined ? 0 : Math.abs(candidate.start - query.hint);
}

/**
 * The candidate with the fewest edits in quote and context together (ties: fewer in the
 * context, so a changed word at the quote's edge stays inside the quote), if the evidence
 * supports it; otherwise null.
 *
 * Candidates at one place are judged by its best alignment only: a shifted variant that
 * happens to pass the thresholds must not stand in for it. When other places are about as
 * good, the context cannot tell them apart, and the position decides only if one of them
 * is exactly where the quote used to start. Nearest-but-moved is no evidence: on pages that
 * repeat a section (menus, tables, a print copy) an edit above moves one copy near the old
 * offset as easily as the original. Otherwise the highlight is orphaned rather than guessed.
 * For a quote whose context never told it apart from its copies, a single good place is no
 * proof either (the original may be the one that changed), so the copies must all be there
 * for the position to choose among.
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
  for (const c of ranked) if (places.every((p) => !samePlace(p, c))) places.push(c);
  const supported = places.filter((p) => isSupported(query, p));
  const best = supported[0];
  if (!best) return null;
  const margin = 2 + Math.ceil(AMBIGUITY_SHARE * best.errors);
  const group = supported.filter((p) => p.errors <= best.errors + margin);
  if (group.length === 1 && !isAmbiguous(query)) return best;
  if (group.length === 1) return null;
  return group.find((c) => c.start === query.hint) ?? null;
}
