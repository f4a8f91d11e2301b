/**
 * Library search: what a document's index terms are, and how a query ranks documents. Terms come
 * from `fold.ts` (words; CJK bigrams); ranking is BM25 over one weighted bag of words (title ×3,
 * highlights and notes ×2, text ×1); query words match as prefixes (exact words rank higher); CJK
 * words of three or more characters must stand together (`企业微信` never matches `企业` … `微信`
 * apart). The ranking runs over a `RankSource`: the in-memory `SearchIndex` below (built fresh,
 * the reference) or the postings the background keeps in IndexedDB (`lib/storage/stored-search.ts`).
 */
import { foldText, forEachTerm, isCjk, parseQuery, type QueryPart } from './fold';

/** What the index reads of an article. */
export interface SearchDoc {
  id: string;
  title: string;
  text: string;
  /** Highlight quotes and notes, one per line. */
  notes: string;
}

export interface SearchHit {
  id: string;
  score: number;
}

const FIELD_WEIGHTS = { title: 3, notes: 2, text: 1 } as const;
const K1 = 1.2;
const B = 0.75;
/** A longer word that only starts with what was typed counts this much of an exact match. */
const PREFIX_WEIGHT = 0.6;
/** At most this many index words stand for one typed prefix (the most common ones). */
const MAX_EXPANSIONS = 300;

/** One term of one document: its weighted count, and where a CJK term stands (for phrases). */
export interface TermCount {
  weight: number;
  /** Offsets in the document's folded fields (title, notes, text, one apart); null for words. */
  positions: number[] | null;
}

/** The fields a document is indexed from, folded, and where each starts in the position space. */
function foldedFields(doc: SearchDoc): [string, number, number][] {
  const title = foldText(doc.title);
  const notes = doc.notes ? foldText(doc.notes) : '';
  // A gap of one between fields: no phrase runs from one field into the next.
  return [
    [title, 0, FIELD_WEIGHTS.title],
    [notes, title.length + 1, FIELD_WEIGHTS.notes],
    [foldText(doc.text), title.length + notes.length + 2, FIELD_WEIGHTS.text],
  ];
}

/** A document's index terms with their weighted counts, and its weighted length. */
export function docTerms(doc: SearchDoc): { terms: Map<string, TermCount>; length: number } {
  const terms = new Map<string, TermCount>();
  let length = 0;
  for (const [folded, base, weight] of foldedFields(doc)) {
    if (!folded) continue;
    forEachTerm(folded, (term, at) => {
      let count = terms.get(term);
      if (!count) {
        const first = String.fromCodePoint(term.codePointAt(0) ?? 0);
        count = { weight: 0, positions: isCjk(first) ? [] : null };
        terms.set(term, count);
      }
      count.weight += weight;
      count.positions?.push(base + at);
      length += weight;
    });
  }
  return { terms, length };
}

/** Whether the folded title, notes or text hold the phrase (the CJK phrase check). */
export function containsPhrase(doc: SearchDoc, phrase: string): boolean {
  // CJK text folds to itself (but for rare compatibility forms): the raw text is tried first.
  return [doc.title, doc.notes, doc.text].some(
    (field) => field.includes(phrase) || foldText(field).includes(phrase),
  );
}

/** A term's documents (by number, ascending) and their weighted counts. */
export interface Postings {
  docs: ArrayLike<number>;
  weights: ArrayLike<number>;
}

/** What ranking reads: postings, document lengths and which documents are live. */
export interface RankSource {
  /** Live documents and the sum of their weighted lengths. */
  live: number;
  totalLength: number;
  /** One past the highest document number. */
  slots: number;
  lengthOf(n: number): number;
  isLive(n: number): boolean;
  /** The term's postings, in one or more runs (segments); undefined when no live document has it. */
  postings(term: string): readonly Postings[] | undefined;
  /** Documents with the term (what a fresh index's postings hold). */
  df(term: string): number;
  /** Terms that start with `prefix` (itself included), in code-unit order. */
  termsStartingWith(prefix: string): string[];
}

export type CjkPhrase = Extract<QueryPart, { kind: 'cjk' }>;

/** The CJK parts that must stand together: three characters or more. */
export function phrasesOf(parts: readonly QueryPart[]): CjkPhrase[] {
  return parts.filter((part): part is CjkPhrase => part.kind === 'cjk' && part.grams.length > 1);
}

/** The index terms a typed word stands for: itself, and the words it starts (most common first). */
function expand(source: RankSource, prefix: string): [string, number][] {
  const terms: [string, number][] = [];
  if (source.postings(prefix)) terms.push([prefix, 1]);
  const longer = source.termsStartingWith(prefix).filter((term) => term !== prefix);
  if (longer.length > MAX_EXPANSIONS) {
    longer.sort((a, b) => source.df(b) - source.df(a));
    longer.length = MAX_EXPANSIONS;
  }
  for (const term of longer) terms.push([term, PREFIX_WEIGHT]);
  return terms;
}

/** Rare parts first, so later parts skip documents that already failed. */
function orderBySelectivity(source: RankSource, parts: readonly QueryPart[]): QueryPart[] {
  const cost = (part: QueryPart) =>
    part.kind === 'cjk' && part.grams.length
      ? Math.min(...part.grams.map((g) => source.df(g)))
      : source.df(part.text) + (part.text.length < 3 ? 1e9 : 0);
  return [...parts].sort((a, b) => cost(a) - cost(b));
}

/** Documents that match every part of a query, by ascending number, with their BM25 scores. */
export interface Matches {
  docs: Uint32Array;
  scores: Float64Array;
}

/**
 * Documents that match every part of the query (AND), with their BM25 scores, by document
 * number; the phrase check is left to the caller (it reads texts or positions).
 */
export function rankMatches(source: RankSource, parts: readonly QueryPart[]): Matches {
  if (parts.length === 0 || source.live === 0)
    return { docs: new Uint32Array(0), scores: new Float64Array(0) };
  const scores = new Float64Array(source.slots);
  const matched = new Uint16Array(source.slots);
  let required = 0;
  const avgLength = source.totalLength / source.live || 1;

  const apply = (terms: readonly (readonly [string, number])[]) => {
    // One requirement: a document counts once however many of these terms it has.
    required++;
    for (const [term, weight] of terms) {
      const runs = source.postings(term);
      if (!runs) continue;
      const df = source.df(term);
      const idf = Math.log(1 + (source.live - df + 0.5) / (df + 0.5));
      // Dead documents may be in the runs: they never reach the result (checked below).
      for (const { docs, weights } of runs) {
        for (let i = 0; i < docs.length; i++) {
          const n = docs[i] ?? 0;
          const seen = matched[n] ?? 0;
          if (seen < required - 1) continue; // already failed an earlier requirement
          const tf = weights[i] ?? 0;
          const norm = tf + K1 * (1 - B + (B * source.lengthOf(n)) / avgLength);
          scores[n] = (scores[n] ?? 0) + weight * idf * ((tf * (K1 + 1)) / norm);
          if (seen === required - 1) matched[n] = required;
        }
      }
    }
  };

  for (const part of orderBySelectivity(source, parts)) {
    if (part.kind === 'word') apply(expand(source, part.text));
    else if (part.grams.length === 0) apply(expand(source, part.text));
    else for (const gram of part.grams) apply([[gram, 1]]);
  }

  let count = 0;
  for (let n = 0; n < source.slots; n++) if (matched[n] === required && source.isLive(n)) count++;
  const found = { docs: new Uint32Array(count), scores: new Float64Array(count) };
  for (let n = 0, k = 0; n < source.slots; n++) {
    if (matched[n] !== required || !source.isLive(n)) continue;
    found.docs[k] = n;
    found.scores[k++] = scores[n] ?? 0;
  }
  return found;
}

/**
 * The order of hits best first (highest score; equal scores by id, so every index gives the same
 * order), as indexes into `scores`. A comparator sort of 50,000 hit objects took 30–60 ms; the
 * scores sort natively here, and only runs of equal scores compare ids.
 */
export function bestFirst(scores: Float64Array, idAt: (i: number) => string): Uint32Array {
  const count = scores.length;
  const keys = new Float64Array(count);
  for (let i = 0; i < count; i++) keys[i] = -(scores[i] ?? 0);
  keys.sort();
  // Where the next hit of each score goes: the start of its run in `keys`.
  const slotOf = new Map<number, number>();
  for (let k = 0; k < count; k++)
    if (k === 0 || keys[k] !== keys[k - 1]) slotOf.set(keys[k] ?? 0, k);
  const order = new Uint32Array(count);
  for (let i = 0; i < count; i++) {
    const key = -(scores[i] ?? 0);
    const slot = slotOf.get(key) ?? 0;
    order[slot] = i;
    slotOf.set(key, slot + 1);
  }
  for (let start = 0; start < count;) {
    let end = start + 1;
    while (end < count && keys[end] === keys[start]) end++;
    if (end - start > 1)
      order.subarray(start, end).sort((a, b) => {
        const x = idAt(a);
        const y = idAt(b);
        return x < y ? -1 : x > y ? 1 : 0;
      });
    start = end;
  }
  return order;
}

/** Hits best first from matches that passed the phrase check (`ids[i]` names `scores[i]`). */
export function toHits(ids: readonly string[], scores: Float64Array): SearchHit[] {
  return Array.from(
    bestFirst(scores, (i) => ids[i] ?? ''),
    (i) => ({
      id: ids[i] ?? '',
      score: scores[i] ?? 0,
    }),
  );
}

/**
 * The hits of ranked matches, best first: `idOf` names a match's document, or gives undefined to
 * leave it out (a document gone, or a phrase whose bigrams stand apart in it).
 */
export function hitsOf(matches: Matches, idOf: (n: number) => string | undefined): SearchHit[] {
  const ids: string[] = [];
  const kept = new Float64Array(matches.docs.length);
  matches.docs.forEach((n, i) => {
    const id = idOf(n);
    if (id === undefined) return;
    kept[ids.length] = matches.scores[i] ?? 0;
    ids.push(id);
  });
  return toHits(ids, kept.subarray(0, ids.length));
}

/** An in-memory index: the reference a kept index is checked against, and the engine for tests. */
export class SearchIndex implements RankSource {
  private readonly lists = new Map<string, { docs: number[]; weights: number[] }>();
  private readonly docNumber = new Map<string, number>();
  /** By document number; null once removed or replaced. */
  private readonly docs: (SearchDoc | null)[] = [];
  private readonly lengths: number[] = [];
  private sortedTerms: string[] | null = null;
  live = 0;
  totalLength = 0;

  get size(): number {
    return this.live;
  }

  get slots(): number {
    return this.docs.length;
  }

  has(id: string): boolean {
    return this.docNumber.has(id);
  }

  get(id: string): SearchDoc | undefined {
    const n = this.docNumber.get(id);
    return n === undefined ? undefined : (this.docs[n] ?? undefined);
  }

  /** Adds a document, or replaces the one with the same id. */
  add(doc: SearchDoc): void {
    this.remove(doc.id);
    const n = this.docs.length;
    const { terms, length } = docTerms(doc);
    for (const [term, count] of terms) {
      let list = this.lists.get(term);
      if (!list) {
        list = { docs: [], weights: [] };
        this.lists.set(term, list);
        this.sortedTerms = null;
      }
      list.docs.push(n);
      list.weights.push(count.weight);
    }
    this.docs.push(doc);
    this.lengths.push(length);
    this.docNumber.set(doc.id, n);
    this.totalLength += length;
    this.live++;
  }

  remove(id: string): boolean {
    const n = this.docNumber.get(id);
    if (n === undefined) return false;
    this.docNumber.delete(id);
    this.docs[n] = null;
    this.totalLength -= this.lengths[n] ?? 0;
    this.live--;
    // Postings keep the number: it is skipped at query time (documents are few enough).
    return true;
  }

  lengthOf(n: number): number {
    return this.lengths[n] ?? 0;
  }

  isLive(n: number): boolean {
    return Boolean(this.docs[n]);
  }

  postings(term: string): readonly Postings[] | undefined {
    const list = this.lists.get(term);
    return list && [list];
  }

  df(term: string): number {
    return this.lists.get(term)?.docs.length ?? 0;
  }

  termsStartingWith(prefix: string): string[] {
    this.sortedTerms ??= [...this.lists.keys()].sort();
    const sorted = this.sortedTerms;
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((sorted[mid] ?? '') < prefix) lo = mid + 1;
      else hi = mid;
    }
    const terms: string[] = [];
    for (let i = lo; i < sorted.length && (sorted[i] ?? '').startsWith(prefix); i++) {
      terms.push(sorted[i] ?? '');
    }
    return terms;
  }

  /** Matching documents, best first. Every part of the query must match (AND). */
  search(query: string, limit = Infinity): SearchHit[] {
    const parts = parseQuery(query);
    const phrases = phrasesOf(parts);
    const hits = hitsOf(rankMatches(this, parts), (n) => {
      const doc = this.docs[n];
      return doc && phrases.every((p) => containsPhrase(doc, p.text)) ? doc.id : undefined;
    });
    return hits.length > limit ? hits.slice(0, limit) : hits;
  }
}
