/** The search index's rows (schema SEARCH_INDEX_STORES): plain records, written by the background. */
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

/** The documents of one segment that have a term, with their weighted counts. */
export interface SearchPostingsRow {
  term: string;
  segment: number;
  docs: Uint32Array;
  weights: Uint32Array;
  /** CJK terms only: `positions[offsets[i]..offsets[i+1]]` are where docs[i] has the term. */
  offsets?: Uint32Array;
  positions?: Uint32Array;
}

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
