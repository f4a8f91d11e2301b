/** The matching words of a search, shown in their context (fold-aware: `cafe` marks `Café`). */
import { CJK_CLASS, foldText, type QueryPart } from './fold';

export interface Segment {
  text: string;
  hit: boolean;
}

interface Folded {
  text: string;
  /** For a UTF-16 index of `text` (or one past its end), the index in the original. */
  origin(index: number): number;
}

const WORD_CHAR = /[\p{L}\p{N}]/u;

/** Runs of characters that fold to one character each: ASCII (its lower case) and CJK (itself). */
const ONE_TO_ONE = new RegExp(`[\\u0000-\\u007f${CJK_CLASS}]+`, 'gu');

/**
 * `original` folded, with where each folded character comes from. The text is folded a run at a
 * time and the map kept per run: a map entry per character cost 0.2–0.3 ms a row's text, on the
 * page's thread, while the next query waited.
 */
function foldWithMap(original: string): Folded {
  const pieces: string[] = [];
  // Piece k starts at starts[k] of the folded text and froms[k] of the original; a run maps
  // character to character, another piece (one character folded) maps all of it to its start.
  const starts: number[] = [];
  const froms: number[] = [];
  const isRun: boolean[] = [];
  let length = 0;
  const add = (folded: string, from: number, run: boolean) => {
    pieces.push(folded);
    starts.push(length);
    froms.push(from);
    isRun.push(run);
    length += folded.length;
  };
  const foldEach = (from: number, to: number) => {
    for (let i = from; i < to;) {
      const width = (original.codePointAt(i) ?? 0) > 0xffff ? 2 : 1;
      add(foldText(original.slice(i, i + width)), i, false);
      i += width;
    }
  };
  let cursor = 0;
  for (const run of original.matchAll(ONE_TO_ONE)) {
    foldEach(cursor, run.index);
    add(run[0].toLowerCase(), run.index, true);
    cursor = run.index + run[0].length;
  }
  foldEach(cursor, original.length);
  add('', original.length, true);
  return {
    text: pieces.join(''),
    origin(index) {
      // The last piece that starts at or before `index` (the empty end piece for one past it).
      let lo = 0;
      let hi = starts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >>> 1;
        if ((starts[mid] ?? 0) <= index) lo = mid;
        else hi = mid - 1;
      }
      const from = froms[lo] ?? 0;
      return isRun[lo] ? from + index - (starts[lo] ?? 0) : from;
    },
  };
}

interface Hit {
  start: number;
  end: number;
  part: number;
}

const MAX_HITS = 200;

function findHits(folded: string, parts: readonly QueryPart[]): Hit[] {
  const hits: Hit[] = [];
  parts.forEach((part, index) => {
    const needle = part.text;
    for (let at = folded.indexOf(needle); at >= 0 && hits.length < MAX_HITS;) {
      const before = folded[at - 1] ?? ' ';
      if (part.kind === 'cjk' || !WORD_CHAR.test(before)) {
        let end = at + needle.length;
        if (part.kind === 'word') while (WORD_CHAR.test(folded[end] ?? ' ')) end++;
        hits.push({ start: at, end, part: index });
      }
      at = folded.indexOf(needle, at + needle.length);
    }
  });
  return hits.sort((a, b) => a.start - b.start || b.end - a.end);
}

function segmentsOf(original: string, folded: Folded, hits: Hit[], from: number, to: number) {
  const segments: Segment[] = [];
  let cursor = from;
  for (const hit of hits) {
    const start = folded.origin(hit.start);
    const end = folded.origin(hit.end);
    if (start < cursor || end > to) continue;
    if (start > cursor) segments.push({ text: original.slice(cursor, start), hit: false });
    segments.push({ text: original.slice(start, end), hit: true });
    cursor = end;
  }
  if (cursor < to) segments.push({ text: original.slice(cursor, to), hit: false });
  return segments;
}

/** The whole text with every match marked (for titles). */
export function markMatches(text: string, parts: readonly QueryPart[]): Segment[] {
  if (!parts.length) return [{ text, hit: false }];
  const folded = foldWithMap(text);
  return segmentsOf(text, folded, findHits(folded.text, parts), 0, text.length);
}

/**
 * About `width` characters of `text` around the place where most of the query's parts match,
 * with the matches marked; null when nothing matches.
 */
export function snippet(text: string, parts: readonly QueryPart[], width = 160): Segment[] | null {
  if (!parts.length || !text) return null;
  const folded = foldWithMap(text);
  const hits = findHits(folded.text, parts);
  const first = hits[0];
  if (!first) return null;
  const lead = Math.round(width / 4);
  // The window (starting a little before one hit) that holds the most different parts.
  let best = first;
  let bestCount = 0;
  for (const hit of hits) {
    const parts = new Set<number>();
    for (const other of hits) {
      if (other.start >= hit.start && other.end <= hit.start + width - lead) parts.add(other.part);
    }
    if (parts.size > bestCount) {
      best = hit;
      bestCount = parts.size;
    }
  }
  let from = Math.max(0, folded.origin(best.start) - lead);
  let to = Math.min(text.length, from + width);
  // Start and end on a space when one is near, not in the middle of a word.
  const space = text.lastIndexOf(' ', from);
  if (from > 0 && space >= 0 && from - space < 15) from = space + 1;
  const spaceAfter = text.indexOf(' ', to);
  if (to < text.length && spaceAfter >= 0 && spaceAfter - to < 15) to = spaceAfter;
  const segments = segmentsOf(text, folded, hits, from, to).map((s) => ({
    ...s,
    text: s.hit ? s.text : s.text.replace(/\s+/g, ' '),
  }));
  if (from > 0) segments.unshift({ text: '…', hit: false });
  if (to < text.length) segments.push({ text: '…', hit: false });
  return segments;
}
