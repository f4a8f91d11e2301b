/** The list the library shows: cards narrowed by the filters, in saved order or by search rank. */
import type { SearchHit } from './search-index';
import type { LibraryCard } from './types';

export interface LibraryFilters {
  tag: string;
  site: string;
  /** `YYYY-MM-DD`, inclusive; '' for no bound. Compared with the published day (else the saved day). */
  from: string;
  to: string;
  hasHighlights: boolean;
}

export const NO_FILTERS: LibraryFilters = {
  tag: '',
  site: '',
  from: '',
  to: '',
  hasHighlights: false,
};

/** The site a card is listed under: its site name, else its host. */
export function siteOf(card: LibraryCard): string {
  if (card.siteName?.trim()) return card.siteName.trim();
  try {
    return new URL(card.url).hostname.replace(/^www\./, '') || '—';
  } catch {
    return '—';
  }
}

/** The day in the date's own offset (`2022-01-12T23:30:00-08:00` → `2022-01-12`). */
export function dayOf(card: LibraryCard): string {
  return (card.published ?? card.savedAt).slice(0, 10);
}

export function matchesFilters(card: LibraryCard, filters: LibraryFilters): boolean {
  if (filters.tag && !card.tags.includes(filters.tag)) return false;
  if (filters.site && siteOf(card) !== filters.site) return false;
  if (filters.hasHighlights && card.highlightCount === 0) return false;
  if (filters.from || filters.to) {
    const day = dayOf(card);
    if (filters.from && day < filters.from) return false;
    if (filters.to && day > filters.to) return false;
  }
  return true;
}

/** Cards to list: the search hits in rank order (when searching), else all; then filtered. */
export function visibleCards(
  cards: readonly LibraryCard[],
  byId: ReadonlyMap<string, LibraryCard>,
  filters: LibraryFilters,
  hits: readonly SearchHit[] | null,
): LibraryCard[] {
  const source = hits
    ? hits.map((hit) => byId.get(hit.id)).filter((c): c is LibraryCard => c !== undefined)
    : cards;
  const active = filters !== NO_FILTERS && Object.values(filters).some(Boolean);
  return active ? source.filter((card) => matchesFilters(card, filters)) : [...source];
}

/** Values of a facet with their counts, most used first. */
export function countBy(
  cards: readonly LibraryCard[],
  keys: (card: LibraryCard) => readonly string[],
): [string, number][] {
  const counts = new Map<string, number>();
  for (const card of cards)
    for (const key of keys(card)) counts.set(key, (counts.get(key) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}
