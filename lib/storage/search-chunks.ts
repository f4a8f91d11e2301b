/**
 * The search postings as IndexedDB holds them: one row per *chunk* and segment, a chunk being the
 * terms that start alike (a word's first three characters, a CJK bigram's first character). A row
 * per term was ~55,000 writes per indexer run, which made IndexedDB the whole cost of an import; a
 * row per chunk is a few thousand. A query reads only the chunks of its terms: a typed prefix's
 * words all sit in its own chunk or, when it is shorter than a chunk's name, in the chunks whose
 * names start with it. Chunks of two characters (format 2) made a query read ten times the
 * postings it ranked (`re` for `research`). A CJK chunk's positions sit in a row of their own
 * (format 4, `placesKey`): only a phrase check needs them, and they were 55–66 % of the
 * bytes a two-character query read.
 */
import { isCjk, type QueryPart } from '../library/fold';
import type { SearchChunkRow } from './search-records';

/** One term's postings in one segment, as the indexer builds them and a query ranks them. */
export interface TermPostings {
  term: string;
  docs: ArrayLike<number>;
  weights: ArrayLike<number>;
  /** CJK terms only: `positions[offsets[i]..offsets[i+1]]` are where docs[i] has the term. */
  offsets?: ArrayLike<number>;
  positions?: Uint32Array;
}

/** A term's postings while a run collects them. */
export interface GrowingPostings {
  docs: number[];
  weights: number[];
  offsets: number[] | null;
  positions: number[] | null;
}

/** Characters of a word that name its chunk. */
const WORD_CHUNK = 3;

/** The chunk a term is stored in. */
export function chunkOf(term: string): string {
  const characters = Array.from(term);
  const first = characters[0] ?? '';
  return isCjk(first) ? first : characters.slice(0, WORD_CHUNK).join('');
}

/**
 * The chunks that may hold terms starting with `prefix` (`[from, to]`, both inclusive): its own,
 * or, for a word shorter than a chunk's name, every chunk it starts.
 */
export function chunkRangeOf(prefix: string): [string, string] {
  const characters = Array.from(prefix);
  if (isCjk(characters[0] ?? '') || characters.length >= WORD_CHUNK) {
    const chunk = chunkOf(prefix);
    return [chunk, chunk];
  }
  return [prefix, `${prefix}\uffff`];
}

/**
 * The chunk ranges (`[from, to]`, both inclusive) a query reads, each once: a word's range, a CJK
 * run's chunks, and for a phrase (two bigrams or more) their positions rows too.
 */
export function queryRanges(parts: readonly QueryPart[]): [string, string][] {
  const ranges = new Map<string, [string, string]>();
  for (const part of parts) {
    if (part.kind === 'cjk' && part.grams.length) {
      const chunks = [...new Set(part.grams.map(chunkOf))];
      const places = part.grams.length > 1 ? chunks.map(placesKey) : [];
      for (const key of [...chunks, ...places]) ranges.set(`${key}\0${key}`, [key, key]);
    } else {
      const range = chunkRangeOf(part.text);
      ranges.set(range.join('\0'), range);
    }
  }
  return [...ranges.values()];
}

/** Ends a positions row's key; no term has it (the tokenizer leaves control characters out). */
const PLACES_MARK = '\u0000';

/**
 * The key of the row that holds a CJK chunk's positions. It sorts right after the chunk's own
 * rows and before the next chunk, so no chunk range reads it.
 */
export function placesKey(chunk: string): string {
  return `${chunk}${PLACES_MARK}`;
}

function isPlacesRow(row: SearchChunkRow): boolean {
  return row.chunk.endsWith(PLACES_MARK);
}

/**
 * A segment's rows with each CJK chunk's positions row joined back into its postings row (what
 * `unpackChunk` reads positions from); positions rows whose postings row is absent are dropped.
 */
export function joinPlaces(rows: readonly SearchChunkRow[]): SearchChunkRow[] {
  const places = new Map<string, SearchChunkRow>();
  for (const row of rows) if (isPlacesRow(row)) places.set(`${row.chunk}${row.segment}`, row);
  const joined: SearchChunkRow[] = [];
  for (const row of rows) {
    if (isPlacesRow(row)) continue;
    const place = places.get(`${placesKey(row.chunk)}${row.segment}`);
    joined.push(place ? { ...row, offsets: place.offsets, positions: place.positions } : row);
  }
  return joined;
}

/**
 * Packs one segment's postings into rows, one per chunk, and one more per CJK chunk for its
 * positions.
 */
export function packSegment(
  segment: number,
  postings: Iterable<[string, GrowingPostings]>,
): SearchChunkRow[] {
  const byChunk = new Map<string, [string, GrowingPostings][]>();
  for (const entry of postings) {
    const chunk = chunkOf(entry[0]);
    const list = byChunk.get(chunk);
    if (list) list.push(entry);
    else byChunk.set(chunk, [entry]);
  }
  const rows: SearchChunkRow[] = [];
  for (const [chunk, entries] of byChunk) {
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    let postingCount = 0;
    let positionCount = 0;
    let hasPositions = false;
    for (const [, list] of entries) {
      postingCount += list.docs.length;
      if (list.positions) {
        hasPositions = true;
        positionCount += list.positions.length;
      }
    }
    const starts = new Uint32Array(entries.length + 1);
    const docs = new Uint32Array(postingCount);
    const weights = new Uint32Array(postingCount);
    // Per posting, where its positions start (words have none: an empty run).
    const offsets = hasPositions ? new Uint32Array(postingCount + 1) : undefined;
    const positions = hasPositions ? new Uint32Array(positionCount) : undefined;
    let at = 0;
    let placed = 0;
    entries.forEach(([, list], t) => {
      starts[t] = at;
      for (let i = 0; i < list.docs.length; i++, at++) {
        docs[at] = list.docs[i] ?? 0;
        weights[at] = list.weights[i] ?? 0;
        if (offsets && positions) {
          offsets[at] = placed;
          const from = list.offsets?.[i] ?? 0;
          const to = list.offsets?.[i + 1] ?? list.positions?.length ?? from;
          for (let k = from; k < to; k++) positions[placed++] = list.positions?.[k] ?? 0;
        }
      }
    });
    starts[entries.length] = at;
    if (offsets) offsets[at] = placed;
    const row: SearchChunkRow = {
      chunk,
      segment,
      terms: entries.map(([term]) => term),
      starts,
      docs,
      weights,
    };
    rows.push(row);
    if (offsets && positions) {
      const empty = new Uint32Array(0);
      rows.push({
        chunk: placesKey(chunk),
        segment,
        terms: [],
        starts: empty,
        docs: empty,
        weights: empty,
        offsets,
        positions,
      });
    }
  }
  return rows;
}

/** The terms of a chunk row (those `keep` accepts), each with its postings (views, not copies). */
export function unpackChunk(
  row: SearchChunkRow,
  keep: (term: string) => boolean = () => true,
): TermPostings[] {
  const out: TermPostings[] = [];
  row.terms.forEach((term, t) => {
    if (!keep(term)) return;
    const from = row.starts[t] ?? 0;
    const to = row.starts[t + 1] ?? from;
    const postings: TermPostings = {
      term,
      docs: row.docs.subarray(from, to),
      weights: row.weights.subarray(from, to),
    };
    if (row.offsets && row.positions) {
      // A CJK chunk: offsets stay absolute into the row's positions, one more than the postings.
      postings.offsets = row.offsets.subarray(from, to + 1);
      postings.positions = row.positions;
    }
    out.push(postings);
  });
  return out;
}
