/** The search index's rows (schema SEARCH_INDEX_STORES): plain records, written by the background. */
import type { SearchDoc } from '../library/search-index';
import type { LibraryCard } from '../library/types';

/** An article waiting for the indexer (saved, edited, deleted, restored or imported). */
export interface SearchQueueRow {
  id: string;
}

/** An indexed article: its list card, and what ranking needs of it. */
export interface SearchDocRow {
  id: string;
  /** Its number in the postings; a new one whenever its search text changes. */
  docNo: number;
  /** Weighted length (title ×3, highlights and notes ×2, text ×1). */
  length: number;
  /** Of its search text: an edit that leaves it alone only updates the card. */
  hash: number;
  card: LibraryCard;
}

/**
 * The postings of one chunk (terms that start alike, `search-chunks.ts`) in one segment: term t's
 * documents are `docs[starts[t]..starts[t+1]]`, with their weighted counts in `weights`.
 */
export interface SearchChunkRow {
  chunk: string;
  segment: number;
  /** The chunk's terms in this segment, sorted. */
  terms: string[];
  starts: Uint32Array;
  docs: Uint32Array;
  weights: Uint32Array;
  /** CJK chunks only: `positions[offsets[i]..offsets[i+1]]` are where posting i has its term. */
  offsets?: Uint32Array;
  positions?: Uint32Array;
}

/**
 * An indexed article's search text, as the indexer last read it: what a search's snippets quote
 * (a fraction of the article's row, which also holds its HTML and Markdown).
 */
export type SearchTextRow = SearchDoc;

export const SEARCH_META_KEY = 'state';

export interface SearchMetaRow {
  key: typeof SEARCH_META_KEY;
  /** The row format; another one means a rebuild. */
  format: number;
  nextDocNo: number;
  nextSegment: number;
  /** Documents each segment was written with (merging decides by it). */
  segments: Record<number, number>;
}
