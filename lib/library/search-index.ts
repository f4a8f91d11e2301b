/**
 * An in-memory inverted index over the library, built in the library page from batches the
 * background sends. Terms come from `fold.ts` (words; CJK bigrams); ranking is BM25 over one
 * weighted bag of words (title ×3, highlights and notes ×2, text ×1); query words match as
 * prefixes (exact words rank higher); CJK words of three or more characters are checked as a
 * phrase in the stored text, so `企业微信` never matches `企业` … `微信` apart.
 */
import { foldText, forEachTerm, parseQuery, type QueryPart } from './fold';

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
/** Rebuild the sorted word list once this many new words wait outside it. */
const MAX_PENDING_TERMS = 4_000;

interface Postings {
  /** Flat pairs: document number, weighted term frequency. Document numbers only grow. */
  pairs: number[];
  /** The document that added the last pair. */
  last: number;
}

function lowerBound(sorted: readonly string[], key: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] ?? '') < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export class SearchIndex {
  private readonly postings = new Map<string, Postings>();
  private readonly docNumber = new Map<string, number>();
  /** By document number; null once removed or replaced. */
  private readonly docs: (SearchDoc | null)[] = [];
  private readonly lengths: number[] = [];
  private totalLength = 0;
  private live = 0;
  private sortedTerms: string[] | null = null;
  private pendingTerms: string[] = [];

  get size(): number {
    return this.live;
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
    let length = 0;
    // One lookup per word: this document's pair is always the last one of its postings.
    const count = (weight: number) => (term: string) => {
      let list = this.postings.get(term);
      if (!list) {
        list = { pairs: [], last: -1 };
        this.postings.set(term, list);
        if (this.sortedTerms) this.pendingTerms.push(term);
      }
      const at = list.pairs.length - 1;
      if (list.last === n) list.pairs[at] = (list.pairs[at] ?? 0) + weight;
      else {
        list.last = n;
        list.pairs.push(n, weight);
      }
      length += weight;
    };
    forEachTerm(foldText(doc.title), count(FIELD_WEIGHTS.title));
    if (doc.notes) forEachTerm(foldText(doc.notes), count(FIELD_WEIGHTS.notes));
    forEachTerm(foldText(doc.text), count(FIELD_WEIGHTS.text));
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

  /** Matching documents, best first. Every part of the query must match (AND). */
  search(query: string, limit = Infinity): SearchHit[] {
    const parts = parseQuery(query);
    if (parts.length === 0 || this.live === 0) return [];
    const docCount = this.docs.length;
    const scores = new Float64Array(docCount);
    const matched = new Uint16Array(docCount);
    let required = 0;
    const avgLength = this.totalLength / this.live || 1;

    const apply = (terms: readonly (readonly [string, number])[]) => {
      // One requirement: a document counts once however many of these terms it has.
      required++;
      for (const [term, weight] of terms) {
        const pairs = this.postings.get(term)?.pairs;
        if (!pairs) continue;
        const df = pairs.length / 2;
        const idf = Math.log(1 + (this.live - df + 0.5) / (df + 0.5));
        for (let i = 0; i < pairs.length; i += 2) {
          const n = pairs[i] ?? 0;
          const seen = matched[n] ?? 0;
          if (seen < required - 1) continue; // already failed an earlier requirement
          const tf = pairs[i + 1] ?? 0;
          const norm = tf + K1 * (1 - B + (B * (this.lengths[n] ?? 0)) / avgLength);
          scores[n] = (scores[n] ?? 0) + weight * idf * ((tf * (K1 + 1)) / norm);
          if (seen === required - 1) matched[n] = required;
        }
      }
    };

    for (const part of this.orderBySelectivity(parts)) {
      if (part.kind === 'word') apply(this.expand(part.text));
      else if (part.grams.length === 0) apply(this.expand(part.text));
      else for (const gram of part.grams) apply([[gram, 1]]);
    }

    const phrases = parts.filter(
      (part): part is Extract<QueryPart, { kind: 'cjk' }> =>
        part.kind === 'cjk' && part.grams.length > 1,
    );
    const hits: SearchHit[] = [];
    for (let n = 0; n < docCount; n++) {
      if (matched[n] !== required) continue;
      const doc = this.docs[n];
      if (!doc) continue;
      if (phrases.length && !phrases.every((p) => containsPhrase(doc, p.text))) continue;
      hits.push({ id: doc.id, score: scores[n] ?? 0 });
    }
    hits.sort((a, b) => b.score - a.score);
    return hits.length > limit ? hits.slice(0, limit) : hits;
  }

  /** Rare parts first, so later parts skip documents that already failed. */
  private orderBySelectivity(parts: QueryPart[]): QueryPart[] {
    const cost = (part: QueryPart) =>
      part.kind === 'cjk' && part.grams.length
        ? Math.min(...part.grams.map((g) => this.postings.get(g)?.pairs.length ?? 0))
        : (this.postings.get(part.text)?.pairs.length ?? 0) + (part.text.length < 3 ? 1e9 : 0);
    return [...parts].sort((a, b) => cost(a) - cost(b));
  }

  /** The index terms a typed word stands for: itself, and the words it starts (most common first). */
  private expand(prefix: string): [string, number][] {
    const terms: [string, number][] = [];
    if (this.postings.has(prefix)) terms.push([prefix, 1]);
    const longer: string[] = [];
    const sorted = this.sorted();
    for (let i = lowerBound(sorted, prefix); i < sorted.length; i++) {
      const term = sorted[i];
      if (term === undefined || !term.startsWith(prefix)) break;
      if (term !== prefix) longer.push(term);
    }
    for (const term of this.pendingTerms) {
      if (term !== prefix && term.startsWith(prefix)) longer.push(term);
    }
    if (longer.length > MAX_EXPANSIONS) {
      const df = (t: string) => this.postings.get(t)?.pairs.length ?? 0;
      longer.sort((a, b) => df(b) - df(a));
      longer.length = MAX_EXPANSIONS;
    }
    for (const term of longer) terms.push([term, PREFIX_WEIGHT]);
    return terms;
  }

  private sorted(): string[] {
    if (!this.sortedTerms || this.pendingTerms.length > MAX_PENDING_TERMS) {
      this.sortedTerms = [...this.postings.keys()].sort();
      this.pendingTerms = [];
    }
    return this.sortedTerms;
  }
}

function containsPhrase(doc: SearchDoc, phrase: string): boolean {
  // CJK text folds to itself (but for rare compatibility forms): the stored text is enough.
  return (
    doc.text.includes(phrase) ||
    doc.title.includes(phrase) ||
    doc.notes.includes(phrase) ||
    foldText(doc.title).includes(phrase) ||
    foldText(doc.notes).includes(phrase)
  );
}
