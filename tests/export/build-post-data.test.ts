// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { describeText } from '@/lib/anchoring/describe-text';
import { buildPostData, highlightsNeedDom } from '@/lib/export/build-post-data';
import type { ExtractedArticle, Highlight } from '@/lib/model';

const ARTICLE: ExtractedArticle = {
  title: 'T',
  url: 'https://a.example/x',
  canonicalUrl: 'https://a.example/x',
  siteName: null,
  byline: 'B',
  language: 'en',
  published: null,
  excerpt: null,
  leadImage: null,
  keywords: [],
  html: '<p>One <b>two</b> three.</p><p>Four five.</p>',
  markdown: 'One **two** three.\n\nFour five.',
  text: 'One two three.\nFour five.',
  wordCount: 5,
  source: 'article',
};

/** A highlight of `quote` at `start` in the article's text, as the popup describes one. */
function highlight(quote: string, start: number): Highlight {
  return {
    id: quote,
    articleId: '1',
    quote,
    note: 'n',
    color: 'yellow',
    articleSelectors: describeText(ARTICLE.text, { start, end: start + quote.length }),
    pageSelectors: [],
    createdAt: '',
    updatedAt: '',
  };
}

const build = (highlights: Highlight[]) =>
  buildPostData(ARTICLE, ['t'], highlights, '2024-01-01T00:00:00+00:00', 'equals');

describe('buildPostData', () => {
  it('marks plain quotes in the saved Markdown, without a DOM', () => {
    const highlights = [highlight('three', 8), highlight('Four five', 15)];
    expect(highlightsNeedDom(ARTICLE, highlights)).toBe(false);
    const data = build(highlights);
    expect(data.content).toBe('One **two** ==three==.\n\n==Four five==.');
    expect(data.highlights.map((h) => h.placed)).toEqual([true, true]);
    expect(data.author).toBe('B');
  });

  it('anchors in the HTML a quote across emphasis, and lists one no longer there', () => {
    const gone = { ...highlight('six', 0), articleSelectors: [] };
    const highlights = [highlight('One two', 0), gone];
    expect(highlightsNeedDom(ARTICLE, highlights)).toBe(true);
    const data = build(highlights);
    expect(data.content).toBe('==One== **==two==** three.\n\nFour five.');
    expect(data.highlights.map((h) => h.placed)).toEqual([true, false]);
  });

  it('uses the saved Markdown as it is when there are no highlights', () => {
    expect(build([]).content).toBe(ARTICLE.markdown);
    expect(highlightsNeedDom(ARTICLE, [])).toBe(false);
  });
});
