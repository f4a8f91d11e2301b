/** The matching words of a search, shown in their context (fold-aware: `cafe` marks `Café`). */
import { foldText, isCjk, type QueryPart } from './fold';

export interface Segment {
  text: string;
  hit: boolean;
}

interface Folded {
  text: string;
  /** For each UTF-16 index of `text` (and one past the end), the index in the original. */
  origin: number[];
}

const WORD_CHAR = /[\p{L}\p{N}]/u;

function foldWithMap(original: string): Folded {
  let text = '';
  const origin: number[] = [];
  for (let i = 0; i < original.length;) {
    const code = original.codePointAt(i) ?? 0;
    const width = code > 0xffff ? 2 : 1;
    const ch = original.slice(i, i + width);
    let folded: string;
    if (code < 0x80) folded = ch.toLowerCase();
    else if (isCjk(ch)) folded = ch;
    else folded = foldText(ch);
    for (let k = 0; k < folded.length; k++) origin.push(i);
    text += folded;
    i += width;
  }
  origin.push(original.length);
  return { text, origin };
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
    const start = folded.origin[hit.start] ?? 0;
    const end = folded.origin[hit.end] ?? original.length;
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
  let from = Math.max(0, (folded.origin[best.start] ?? 0) - lead);
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
