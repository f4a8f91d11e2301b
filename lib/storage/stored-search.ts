/**
 * Search over the index the background keeps in IndexedDB (`storage/search-indexer.ts`), read
 * where the library page runs. The page holds the cards and, per document number, its length;
 * a query reads only the chunk rows of its terms (and of the words its prefixes start), checks CJK
 * phrases with the positions those rows carry, and ranks with the same `rankMatches` as a fresh
 * in-memory index. No article text is held: snippets read the few rows on screen.
 */
import type { GleanerDB } from './db';
import { joinPlaces, queryRanges, unpackChunk, type TermPostings } from './search-chunks';
import type { SearchChunkRow, SearchDocRow } from './search-records';
import { highlightsOfArticles } from './highlights-repo';
import { searchDocOf } from '../library/cards';
import { parseQuery, type QueryPart } from '../library/fold';
import {
  phrasesOf,
  hitsOf,
  rankMatches,
  type CjkPhrase,
  type RankSource,
  type SearchDoc,
  type SearchHit,
} from '../library/search-index';
import type { LibraryArticle, LibraryCard } from '../library/types';

/** Newest saved first, as the background lists them. */
function bySaved(a: LibraryCard, b: LibraryCard): number {
  return a.savedAt < b.savedAt ? 1 : a.savedAt > b.savedAt ? -1 : a.id < b.id ? 1 : -1;
}

/** A term's rows (one per segment read) and how many live documents they hold. */
interface TermRuns {
  runs: TermPostings[];
  df: number;
}

/**
 * The rows a query needs, per term over segments, ranked as they were read (copying them into one
 * list per term made garbage on every query). Dead documents stay in the runs; `df` and the
 * ranking leave them out.
 */
class QueryView implements RankSource {
  private readonly terms = new Map<string, TermRuns>();
  private readonly sorted: string[];

  constructor(
    private readonly docs: DocTable,
    rows: readonly TermPostings[],
  ) {
    const read = new Map<string, TermRuns>();
    for (const row of rows) {
      let term = read.get(row.term);
      if (!term) {
        term = { runs: [], df: 0 };
        read.set(row.term, term);
      }
      term.runs.push(row);
      for (let i = 0; i < row.docs.length; i++) if (docs.isLive(row.docs[i] ?? 0)) term.df++;
    }
    for (const [text, term] of read) if (term.df > 0) this.terms.set(text, term);
    this.sorted = [...this.terms.keys()].sort();
  }

  get live() {
    return this.docs.live;
  }
  get totalLength() {
    return this.docs.totalLength;
  }
  get slots() {
    return this.docs.slots;
  }
  lengthOf(n: number) {
    return this.docs.lengthOf(n);
  }
  isLive(n: number) {
    return this.docs.isLive(n);
  }
  postings(term: string) {
    return this.terms.get(term)?.runs;
  }
  df(term: string) {
    return this.terms.get(term)?.df ?? 0;
  }
  termsStartingWith(prefix: string) {
    return this.sorted.filter((term) => term.startsWith(prefix));
  }

  private readonly placesOf = new Map<string, Map<number, ArrayLike<number>>>();

  /** Where document `n` has a CJK term. */
  private places(term: string, n: number): ArrayLike<number> | undefined {
    let byDoc = this.placesOf.get(term);
    if (!byDoc) {
      byDoc = new Map();
      for (const row of this.terms.get(term)?.runs ?? []) {
        const { offsets, positions } = row;
        if (!offsets || !positions) continue;
        for (let i = 0; i < row.docs.length; i++) {
          const doc = row.docs[i] ?? 0;
          if (this.docs.isLive(doc)) byDoc.set(doc, positions.subarray(offsets[i], offsets[i + 1]));
        }
      }
      this.placesOf.set(term, byDoc);
    }
    return byDoc.get(n);
  }

  /** Whether document `n` has the phrase's bigrams one after another. */
  standsTogether(n: number, phrase: CjkPhrase): boolean {
    const places = phrase.grams.map((gram) => this.places(gram, n));
    const [first, ...rest] = places;
    if (!first || rest.some((p) => !p)) return false;
    // Each bigram starts one character after the one before it.
    const steps = phrase.grams
      .slice(0, -1)
      .map((gram) => ((gram.codePointAt(0) ?? 0) > 0xffff ? 2 : 1));
    for (let k = 0; k < first.length; k++) {
      let at = first[k] ?? 0;
      let ok = true;
      for (let i = 0; i < rest.length && ok; i++) {
        at += steps[i] ?? 1;
        ok = holds(rest[i] ?? [], at);
      }
      if (ok) return true;
    }
    return false;
  }
}

/** Whether ascending `places` (a document's positions of a term, as indexed) hold `at`. */
function holds(places: ArrayLike<number>, at: number): boolean {
  let lo = 0;
  let hi = places.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((places[mid] ?? 0) < at) lo = mid + 1;
    else hi = mid;
  }
  return lo < places.length && places[lo] === at;
}

/** The indexed documents as the page holds them: cards, and numbers and lengths for ranking. */
class DocTable {
  private readonly docNoOf = new Map<string, number>();
  private idOf: (string | undefined)[] = [];
  private lengths = new Uint32Array(0);
  readonly cardOf = new Map<string, LibraryCard>();
  live = 0;
  totalLength = 0;

  get slots() {
    return this.idOf.length;
  }

  put(row: SearchDocRow) {
    this.drop(row.id);
    if (row.docNo >= this.lengths.length) {
      const grown = new Uint32Array(Math.max(row.docNo + 1, this.lengths.length * 2));
      grown.set(this.lengths);
      this.lengths = grown;
    }
    while (this.idOf.length <= row.docNo) this.idOf.push(undefined);
    this.idOf[row.docNo] = row.id;
    this.lengths[row.docNo] = row.length;
    this.docNoOf.set(row.id, row.docNo);
    this.cardOf.set(row.id, row.card);
    this.live++;
    this.totalLength += row.length;
  }

  drop(id: string) {
    const n = this.docNoOf.get(id);
    if (n === undefined) return;
    this.idOf[n] = undefined;
    this.docNoOf.delete(id);
    this.cardOf.delete(id);
    this.live--;
    this.totalLength -= this.lengths[n] ?? 0;
  }

  idAt(n: number) {
    return this.idOf[n];
  }
  isLive(n: number) {
    return this.idOf[n] !== undefined;
  }
  lengthOf(n: number) {
    return this.lengths[n] ?? 0;
  }
}

/** The chunk rows between two chunk names (both inclusive), over every segment. */
type ReadChunks = (from: string, to: string) => Promise<SearchChunkRow[]>;

/**
 * Reads chunk rows straight from IndexedDB, one `getAll` each, in one read-only transaction: at
 * 20,000 articles Dexie's transaction and collection took 2–20 ms a query for rows a bare
 * `getAll` read in about 1 ms.
 */
async function chunkReader(db: GleanerDB): Promise<ReadChunks> {
  // Dexie closes its connection when another context upgrades the database: open the new one.
  if (!db.isOpen()) await db.open();
  const store = db.backendDB().transaction('searchChunks', 'readonly').objectStore('searchChunks');
  // [chunk] sorts before every [chunk, segment]; [chunk, []] after them (an array after a number).
  // Every read must be asked before the caller's first await: the transaction commits once idle.
  return (from, to) =>
    new Promise((resolve, reject) => {
      const request = store.getAll(IDBKeyRange.bound([from], [to, []]));
      request.onsuccess = () => resolve(request.result as SearchChunkRow[]);
      request.onerror = () =>
        reject(request.error ?? new Error('The search index could not be read'));
    });
}

/** The terms of its chunk rows a query part ranks. */
function wantsOf(part: QueryPart): (term: string) => boolean {
  if (part.kind === 'cjk' && part.grams.length) {
    const grams = new Set(part.grams);
    return (term) => grams.has(term);
  }
  return (term) => term.startsWith(part.text);
}

/**
 * The postings a query ranks: every chunk row its parts need, each read and counted once (`gov
 * government` reads chunk `gov` for both parts, and `腾讯腾讯` has 腾讯 twice: two copies of a
 * row would count its documents twice).
 */
async function readPostings(
  read: ReadChunks,
  parts: readonly QueryPart[],
): Promise<TermPostings[]> {
  const results = await Promise.all(queryRanges(parts).map(([from, to]) => read(from, to)));
  const wants = parts.map(wantsOf);
  const wanted = (term: string) => wants.some((want) => want(term));
  const seen = new Set<string>();
  const rows: SearchChunkRow[] = [];
  for (const row of results.flat()) {
    const key = `${row.chunk}\0${row.segment}`;
    if (seen.has(key)) continue; // read again by a wider range
    seen.add(key);
    rows.push(row);
  }
  const postings: TermPostings[] = [];
  for (const row of joinPlaces(rows))
    for (const term of unpackChunk(row, wanted)) postings.push(term);
  return postings;
}

export class StoredSearch {
  private readonly docs = new DocTable();

  private constructor(private readonly db: GleanerDB) {}

  /** Reads every indexed document's card, number and length (not its text). */
  static async open(db: GleanerDB): Promise<StoredSearch> {
    const search = new StoredSearch(db);
    for (const row of await db.searchDocs.toArray()) search.docs.put(row);
    return search;
  }

  get size(): number {
    return this.docs.live;
  }

  /** Every card, newest saved first. */
  cards(): LibraryCard[] {
    return [...this.docs.cardOf.values()].sort(bySaved);
  }

  /** Takes in what the indexer wrote for these articles since (after an edit in the page). */
  async refresh(ids: readonly string[]): Promise<void> {
    const rows = await this.db.searchDocs.bulkGet([...ids]);
    ids.forEach((id, i) => {
      const row = rows[i];
      if (row) this.docs.put(row);
      else this.docs.drop(id);
    });
  }

  /** Matching documents, best first. Every part of the query must match (AND). */
  async search(query: string): Promise<SearchHit[]> {
    const parts = parseQuery(query);
    if (!parts.length || !this.docs.live) return [];
    const read = await chunkReader(this.db);
    const view = new QueryView(this.docs, await readPostings(read, parts));
    const phrases = phrasesOf(parts);
    return hitsOf(rankMatches(view, parts), (n) => {
      const id = this.docs.idAt(n);
      return id !== undefined && phrases.every((p) => view.standsTogether(n, p)) ? id : undefined;
    });
  }
}

/**
 * The search texts of a few articles (for snippets): the indexer's copy where it is current, else
 * made from the article (its row is about three times the bytes, read while the next query waits).
 */
export async function readSearchDocs(
  db: GleanerDB,
  ids: readonly string[],
): Promise<Map<string, SearchDoc>> {
  return db.transaction(
    'r',
    db.searchTexts,
    db.searchQueue,
    db.articles,
    db.highlights,
    async () => {
      const [kept, waiting] = await Promise.all([
        db.searchTexts.bulkGet([...ids]),
        db.searchQueue.bulkGet([...ids]),
      ]);
      const docs = new Map<string, SearchDoc>();
      kept.forEach((doc, i) => doc && !waiting[i] && docs.set(doc.id, doc));
      // The indexer has not written these yet (or not since their last change): read the articles.
      const stale = ids.filter((id) => !docs.has(id));
      if (stale.length)
        for (const doc of await searchDocsOfArticles(db, stale)) docs.set(doc.id, doc);
      return docs;
    },
  );
}

/** These articles' search texts, made from the articles and their highlights (gone ones left out). */
export async function searchDocsOfArticles(
  db: GleanerDB,
  ids: readonly string[],
): Promise<SearchDoc[]> {
  const [articles, highlightsOf] = await Promise.all([
    db.articles.bulkGet([...ids]),
    highlightsOfArticles(db, ids),
  ]);
  return articles.flatMap((found) => {
    const article = found as LibraryArticle | undefined;
    return article ? [searchDocOf(article, highlightsOf.get(article.id) ?? [])] : [];
  });
}
