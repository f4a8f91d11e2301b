import type { Highlight } from '@/lib/model';
import type { LibraryArticle } from '@/lib/library/types';
import { urlKey } from '@/lib/url';
import { sampleClip } from '../support/article';

/** A stored article with a distinct URL and save time. */
export function storedArticle(n: number, overrides: Partial<LibraryArticle> = {}): LibraryArticle {
  const canonicalUrl = `https://news.example/${n}`;
  return {
    ...sampleClip({ canonicalUrl, url: canonicalUrl, title: `Article ${n}` }),
    id: `a-${n}`,
    urlKey: urlKey(canonicalUrl),
    tags: [`t${n % 3}`],
    savedAt: `2026-11-${String(10 + (n % 20)).padStart(2, '0')}T10:00:00+00:00`,
    updatedAt: '2026-11-25T10:00:00+00:00',
    ...overrides,
  };
}

export function storedHighlight(
  articleId: string,
  n: number,
  overrides: Partial<Highlight> = {},
): Highlight {
  return {
    id: `${articleId}-h${n}`,
    articleId,
    quote: `quote ${n}`,
    note: n % 2 ? `note ${n}` : '',
    color: 'yellow',
    articleSelectors: [
      { type: 'TextQuoteSelector', exact: `quote ${n}`, prefix: 'before ', suffix: ' after' },
      { type: 'TextPositionSelector', start: n * 10, end: n * 10 + 7 },
    ],
    pageSelectors: [],
    createdAt: `2026-11-25T10:0${n}:00+00:00`,
    updatedAt: `2026-11-25T10:0${n}:00+00:00`,
    ...overrides,
  };
}
