/**
 * The background's search indexer: it takes the articles the library's writes queued, and writes
 * their index — one segment of postings per run, one row per chunk of terms (`search-chunks.ts`)
 * — in the same transaction that reads them and empties their queue entries, so the index never
 * lags in a way it cannot catch up from. A missing or older index is rebuilt by queueing every article (the list and the
 * articles stay readable meanwhile).
 */
import { cardOf, searchDocOf } from '../library/cards';
import { docTerms, type SearchDoc } from '../library/search-index';
import type { LibraryArticle } from '../library/types';
import type { GleanerDB } from './db';
import { joinPlaces, packSegment, unpackChunk, type GrowingPostings } from './search-chunks';
import { SEARCH_META_KEY, type SearchDocRow, type SearchMetaRow } from './search-records';
import { highlightsOfArticles } from './highlights-repo';
import { searchDocsOfArticles } from './stored-search';

/**
 * The postings' row format: a different one in the database means a rebuild (2: chunk rows;
 * 3: a word's chunk named by its first three characters, not two; 4: a CJK chunk's positions in a
 * row of their own).
 */
export const SEARCH_FORMAT = 4;
/** Articles per run: one segment's postings. */
export const INDEX_BATCH = 2_000;
/** Segments written with fewer documents than this are small (saves and edits, one by one)… */
export const SMALL_SEGMENT = INDEX_BATCH / 4;
/** …and once there are more small ones than this, they are merged into one (a query reads one
 * row per segment and term). */
export const MAX_SMALL_SEGMENTS = 16;

const freshMeta = (): SearchMetaRow => ({
  key: SEARCH_META_KEY,
  format: SEARCH_FORMAT,
  nextDocNo: 0,
  nextSegment: 0,
  segments: {},
});

/** FNV-1a over the search text: tells an edit of the text from one of the card alone. */
function hashOf(doc: SearchDoc): number {
  let hash = 0x811c9dc5;
  for (const part of [doc.title, doc.notes, doc.text]) {
    for (let i = 0; i < part.length; i++) {
      hash ^= part.charCodeAt(i);
      hash = Math.imul(hash, 0x01000193);
    }
    hash ^= 0xffff;
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

const searchTables = (db: GleanerDB) => [
  db.searchQueue,
  db.searchDocs,
  db.searchTexts,
  db.searchChunks,
  db.searchMeta,
];

/**
 * Starts a rebuild when the index is missing, of another format, or damaged (a document number
 * beyond the counter). Returns whether it did.
 */
export async function checkSearchIndex(db: GleanerDB): Promise<boolean> {
  return db.transaction('rw', [db.articles, ...searchTables(db)], async () => {
    const meta = await db.searchMeta.get(SEARCH_META_KEY);
    const last = await db.searchDocs.orderBy('docNo').last();
    const sound =
      meta?.format === SEARCH_FORMAT && (last === undefined || last.docNo < meta.nextDocNo);
    if (sound) return false;
    await Promise.all([db.searchDocs.clear(), db.searchTexts.clear(), db.searchChunks.clear()]);
    await db.searchMeta.put(freshMeta());
    const ids = await db.articles.toCollection().primaryKeys();
    await db.searchQueue.bulkPut(ids.map((id) => ({ id })));
    return true;
  });
}

/** Indexes up to `limit` queued articles in one transaction; returns how many are left. */
export async function indexQueued(db: GleanerDB, limit = INDEX_BATCH): Promise<number> {
  return db.transaction('rw', [db.articles, db.highlights, ...searchTables(db)], async () => {
    const ids = await db.searchQueue.limit(limit).primaryKeys();
    if (!ids.length) return 0;
    const meta = (await db.searchMeta.get(SEARCH_META_KEY)) ?? freshMeta();
    const [articles, groups, known] = await Promise.all([
      db.articles.bulkGet(ids),
      highlightsOfArticles(db, ids),
      db.searchDocs.bulkGet(ids),
    ]);
    const firstDocNo = meta.nextDocNo;
    const segment = new Map<string, GrowingPostings>();
    const rows: SearchDocRow[] = [];
    const texts: SearchDoc[] = [];
    const gone: string[] = [];
    ids.forEach((id, i) => {
      const article = articles[i] as LibraryArticle | undefined;
      const old = known[i];
      if (!article) {
        gone.push(id);
        return;
      }
      const own = groups.get(id) ?? [];
      const doc = searchDocOf(article, own);
      texts.push(doc);
      const card = cardOf(article, own.length);
      const hash = hashOf(doc);
      if (old && old.hash === hash) {
        rows.push({ ...old, card });
        return;
      }
      const docNo = meta.nextDocNo++;
      const { terms, length } = docTerms(doc);
      for (const [term, count] of terms) {
        let list = segment.get(term);
        if (!list) {
          list = {
            docs: [],
            weights: [],
            offsets: count.positions ? [] : null,
            positions: count.positions ? [] : null,
          };
          segment.set(term, list);
        }
        list.docs.push(docNo);
        list.weights.push(count.weight);
        if (list.offsets && list.positions && count.positions) {
          list.offsets.push(list.positions.length);
          for (const at of count.positions) list.positions.push(at);
        }
      }
      rows.push({ id, docNo, length, hash, card });
    });
    if (segment.size) {
      const number = meta.nextSegment++;
      meta.segments[number] = meta.nextDocNo - firstDocNo;
      await db.searchChunks.bulkPut(packSegment(number, segment));
    }
    await Promise.all([db.searchDocs.bulkDelete(gone), db.searchTexts.bulkDelete(gone)]);
    await Promise.all([db.searchDocs.bulkPut(rows), db.searchTexts.bulkPut(texts)]);
    await db.searchQueue.bulkDelete(ids);
    await db.searchMeta.put(meta);
    return db.searchQueue.count();
  });
}

/**
 * Writes the search texts of up to `limit` indexed articles that have none (their index entry is
 * older than the texts table, schema v10), leaving queued ones to `indexQueued`. Returns how many
 * it wrote: 0 once every indexed article has its text.
 */
export async function fillSearchTexts(db: GleanerDB, limit = INDEX_BATCH): Promise<number> {
  const tables = [db.articles, db.highlights, db.searchDocs, db.searchTexts, db.searchQueue];
  return db.transaction('rw', tables, async () => {
    const [indexed, written, queued] = await Promise.all([
      db.searchDocs.toCollection().primaryKeys(),
      db.searchTexts.toCollection().primaryKeys(),
      db.searchQueue.toCollection().primaryKeys(),
    ]);
    const skip = new Set([...written, ...queued]);
    const ids = indexed.filter((id) => !skip.has(id)).slice(0, limit);
    if (!ids.length) return 0;
    const texts = await searchDocsOfArticles(db, ids);
    await db.searchTexts.bulkPut(texts);
    return ids.length;
  });
}

/**
 * Merges the small segments into one, leaving out documents no longer live, once there are more
 * than MAX_SMALL_SEGMENTS of them. Returns whether it merged.
 */
export async function mergeSmallSegments(db: GleanerDB): Promise<boolean> {
  return db.transaction('rw', searchTables(db), async () => {
    const meta = await db.searchMeta.get(SEARCH_META_KEY);
    if (!meta) return false;
    const small = Object.entries(meta.segments)
      .filter(([, docs]) => docs < SMALL_SEGMENT)
      .map(([segment]) => Number(segment))
      .sort((a, b) => a - b);
    if (small.length <= MAX_SMALL_SEGMENTS) return false;
    const live = new Set(await db.searchDocs.orderBy('docNo').keys());
    const merged = new Map<string, GrowingPostings>();
    const docs = new Set<number>();
    for (const segment of small) {
      const rows = joinPlaces(await db.searchChunks.where('segment').equals(segment).toArray());
      for (const row of rows.flatMap((chunk) => unpackChunk(chunk))) {
        let list = merged.get(row.term);
        for (let i = 0; i < row.docs.length; i++) {
          const n = row.docs[i] ?? 0;
          if (!live.has(n)) continue;
          if (!list) {
            list = {
              docs: [],
              weights: [],
              offsets: row.offsets ? [] : null,
              positions: row.positions ? [] : null,
            };
            merged.set(row.term, list);
          }
          docs.add(n);
          list.docs.push(n);
          list.weights.push(row.weights[i] ?? 0);
          if (list.offsets && list.positions && row.offsets && row.positions) {
            list.offsets.push(list.positions.length);
            const from = row.offsets[i] ?? 0;
            const to = row.offsets[i + 1] ?? from;
            for (let k = from; k < to; k++) list.positions.push(row.positions[k] ?? 0);
          }
        }
      }
      await db.searchChunks.where('segment').equals(segment).delete();
    }
    const merging = new Set(small);
    meta.segments = Object.fromEntries(
      Object.entries(meta.segments).filter(([segment]) => !merging.has(Number(segment))),
    );
    const number = meta.nextSegment++;
    meta.segments[number] = docs.size;
    await db.searchChunks.bulkPut(packSegment(number, merged));
    await db.searchMeta.put(meta);
    return true;
  });
}

/** How long the queue must stay the same size before a partial batch is indexed. */
export const QUIET_MS = 400;

/**
 * Waits until the queue is worth a run: a full batch, or no write for `quietMs`; and never while
 * held. An import sends its articles a hundred at a time; indexing each hundred on its own wrote
 * a segment's chunk rows (thousands) per hundred articles and merged them again later, which made
 * the import ~4× slower.
 */
async function settle(
  db: GleanerDB,
  quietMs: number,
  batch: number,
  heldFor: () => number,
): Promise<void> {
  let last = -1;
  for (;;) {
    const held = heldFor();
    if (held > 0) {
      await new Promise((resolve) => setTimeout(resolve, Math.min(held, quietMs)));
      continue;
    }
    const queued = await db.searchQueue.count();
    if (queued === 0 || queued >= batch || queued === last) return;
    last = queued;
    await new Promise((resolve) => setTimeout(resolve, quietMs));
  }
}

export interface IndexRunner {
  /** Runs the indexer if it is idle (a kick during a run makes it go round once more). */
  kick(): Promise<void>;
  /**
   * Keeps the indexer from starting a run for `ms` (a bulk import holds it batch after batch:
   * its writes and the indexer's then do not take turns; the index catches up once it ends).
   */
  hold(ms: number): void;
}

/**
 * Runs the indexer until its queue is empty, one run at a time: `kick()` after every write. The
 * first run checks the index first.
 */
export function createIndexRunner(
  db: GleanerDB,
  onError: (error: unknown) => void,
  options: { quietMs?: number; batch?: number } = {},
): IndexRunner {
  const quietMs = options.quietMs ?? QUIET_MS;
  const batch = options.batch ?? INDEX_BATCH;
  let checked = false;
  let textsFilled = false;
  let running: Promise<void> | null = null;
  let again = false;
  let heldUntil = 0;
  const heldFor = () => heldUntil - Date.now();
  const run = async () => {
    do {
      again = false;
      if (!checked) {
        await checkSearchIndex(db);
        checked = true;
      }
      do await settle(db, quietMs, batch, heldFor);
      while ((await indexQueued(db, batch)) > 0);
      await mergeSmallSegments(db);
      // Texts an index older than v10 lacks: a batch at a time while no write waits, and once
      // all are there never looked for again (the indexer writes every new one).
      while (!textsFilled && !again) textsFilled = (await fillSearchTexts(db, batch)) === 0;
    } while (again);
  };
  return {
    kick() {
      if (running) {
        again = true;
        return running;
      }
      running = run()
        .catch(onError)
        .finally(() => (running = null));
      return running;
    },
    hold(ms) {
      heldUntil = Math.max(heldUntil, Date.now() + ms);
    },
  };
}
