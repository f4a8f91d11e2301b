import { describe, expect, it } from 'vitest';
import { cardOf } from '@/lib/library/cards';
import { countBy, NO_FILTERS, siteOf, visibleCards } from '@/lib/library/filters';
import { storedArticle } from './support';

const cards = [
  cardOf(storedArticle(1, { tags: ['a', 'b'], published: '2024-03-08T07:30:00+00:00' }), 2),
  cardOf(storedArticle(2, { tags: ['b'], siteName: null, published: null }), 0),
  cardOf(
    storedArticle(3, { tags: [], siteName: 'The Courier', published: '2022-01-12T23:30:00-08:00' }),
    1,
  ),
];
const byId = new Map(cards.map((c) => [c.id, c]));
const ids = (list: { id: string }[]) => list.map((c) => c.id);

describe('library filters', () => {
  it('narrows by tag, site, date range (in the date’s own offset) and highlights', () => {
    expect(ids(visibleCards(cards, byId, { ...NO_FILTERS, tag: 'b' }, null))).toEqual([
      'a-1',
      'a-2',
    ]);
    expect(ids(visibleCards(cards, byId, { ...NO_FILTERS, site: 'news.example' }, null))).toEqual([
      'a-2',
    ]);
    expect(
      ids(visibleCards(cards, byId, { ...NO_FILTERS, from: '2022-01-12', to: '2022-01-12' }, null)),
    ).toEqual(['a-3']);
    expect(ids(visibleCards(cards, byId, { ...NO_FILTERS, hasHighlights: true }, null))).toEqual([
      'a-1',
      'a-3',
    ]);
  });

  it('keeps the search rank order and filters it', () => {
    const hits = [
      { id: 'a-3', score: 9 },
      { id: 'gone', score: 5 },
      { id: 'a-1', score: 1 },
    ];
    expect(ids(visibleCards(cards, byId, NO_FILTERS, hits))).toEqual(['a-3', 'a-1']);
    expect(ids(visibleCards(cards, byId, { ...NO_FILTERS, tag: 'a' }, hits))).toEqual(['a-1']);
  });

  it('lists a site without a name under its host, and counts facets', () => {
    expect(siteOf(cards[1]!)).toBe('news.example');
    expect(countBy(cards, (c) => c.tags)).toEqual([
      ['b', 2],
      ['a', 1],
    ]);
  });
});
