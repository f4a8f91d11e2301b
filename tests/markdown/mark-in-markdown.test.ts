// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { describeText } from '@/lib/anchoring/describe-text';
import { textOf } from '@/lib/anchoring/dom-text';
import { extractArticle } from '@/lib/extract/extract-article';
import { htmlToMarkdown } from '@/lib/markdown/html-to-markdown';
import { markInMarkdown } from '@/lib/markdown/mark-in-markdown';
import { markdownWithHighlights } from '@/lib/markdown/with-highlights';
import type { ExtractedArticle, Highlight } from '@/lib/model';
import { listPages, readPage } from '../../scripts/eval/corpus';
import { CORPUS_SLICE_DIR as CORPUS } from '../support/fixtures';

function highlight(n: number, quote: string, articleSelectors: Highlight['articleSelectors']) {
  return {
    id: `h${n}`,
    articleId: 'a',
    quote,
    note: '',
    color: 'yellow',
    articleSelectors,
    pageSelectors: [],
    createdAt: '2026-11-26T00:00:00Z',
    updatedAt: '2026-11-26T00:00:00Z',
  } satisfies Highlight;
}

/** Highlights of `quotes` where they first are in the article, as the popup would make them. */
function highlightsOf(article: ExtractedArticle, quotes: readonly string[]): Highlight[] {
  const body = new DOMParser().parseFromString(`<body>${article.html}</body>`, 'text/html').body;
  const { text } = textOf(body);
  return quotes.flatMap((quote, n) => {
    const start = text.indexOf(quote);
    if (start < 0) return [];
    return [highlight(n, quote, describeText(text, { start, end: start + quote.length }))];
  });
}

/** The Markdown without its marks, and which of its non-blank characters were marked. */
function reading(markdown: string): { plain: string; marked: number[] } {
  let plain = '';
  const marked: number[] = [];
  let inside = false;
  for (const part of markdown.split(/(<\/?mark>)/)) {
    if (part === '<mark>') inside = true;
    else if (part === '</mark>') inside = false;
    else {
      for (const ch of part) {
        if (inside && ch.trim()) marked.push(plain.length);
        plain += ch;
      }
    }
  }
  return { plain, marked };
}

function extracted(url: string, html: string): ExtractedArticle {
  const dom = new JSDOM(html, { url });
  const result = extractArticle(dom.window.document, url);
  dom.window.close();
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

/** The fixture pages and a few corpus pages of each language, extracted as a clip would be. */
function articles(): ExtractedArticle[] {
  const fixtures = ['eastmoney-36kr-wecom', 'harbor-ferry-news'].map((page) =>
    extracted(
      `http://127.0.0.1:8000/pages/${page}.html`,
      readFileSync(`tests/fixtures/pages/${page}.html`, 'utf8'),
    ),
  );
  const corpus: ExtractedArticle[] = [];
  const wanted = { en: 4, zh: 4 };
  for (const name of listPages(CORPUS)) {
    const { entry, html } = readPage(CORPUS, name);
    const lang = entry.lang as keyof typeof wanted;
    if (!(lang in wanted) || wanted[lang] === 0 || !entry.url?.startsWith('http')) continue;
    try {
      corpus.push(extracted(entry.url, html.replace(/<style[\s\S]*?<\/style>/gi, '')));
      wanted[lang]--;
    } catch {
      // A page that is not an article says nothing here.
    }
    if (!wanted.en && !wanted.zh) break;
  }
  return [...fixtures, ...corpus];
}

describe('markInMarkdown', () => {
  it('marks what the DOM path marks, on real articles (or leaves the article to it)', () => {
    let compared = 0;
    let declined = 0;
    for (const article of articles()) {
      // Quotes as readers pick them: clauses between punctuation, and their first few words,
      // 12 of each spread over the article.
      const clauses = article.text
        .split(/[\n.,;:!?。，；：！？、]/)
        .map((clause) => clause.trim())
        .filter((clause) => clause.length >= 2);
      const step = Math.max(1, Math.floor(clauses.length / 12));
      const picked = clauses.filter((_, i) => i % step === 0);
      const made = highlightsOf(article, [
        ...picked,
        ...picked.map((c) => c.split(' ').slice(0, 3).join(' ')),
        // A selection that took the space after a word along.
        ...picked.map((c) => `${c.split(' ').slice(0, 2).join(' ')} `),
      ]);
      // The DOM path makes the Markdown again from the HTML; marking that same Markdown here
      // compares the two ways of placing, not the stored Markdown with a fresh conversion.
      const markdown = htmlToMarkdown(article.html, article.url);
      // One at a time, and in pairs (neighbouring clauses).
      const sets = [...made.map((h) => [h]), ...made.slice(1).map((h, i) => [made[i]!, h])];
      for (const highlights of sets) {
        const fast = markInMarkdown(markdown, article.text, highlights, 'mark');
        if (!fast) {
          declined++;
          continue;
        }
        const dom = markdownWithHighlights(article.html, article.url, highlights, 'mark');
        expect(reading(fast.markdown)).toEqual(reading(dom.markdown));
        expect([...fast.placed].sort()).toEqual([...dom.placed].sort());
        compared++;
      }
    }
    // Most highlights are plain text written once: the fast path must be the usual one.
    expect(compared).toBeGreaterThan(300);
    expect(compared).toBeGreaterThan(declined);
    // Generous: on a loaded 2-core machine this has taken 140 s (a timeout is not a speed test).
  }, 300_000);

  const ARTICLE =
    '企业微信成为了这一命题的最优解。\n\nSecond *paragraph* with [a link](https://x.test/y).';
  const TEXT = '企业微信成为了这一命题的最优解。\nSecond paragraph with a link.';
  const h = (n: number, quote: string) => highlight(n, quote, []);

  it('writes the chosen syntax around each quote', () => {
    const highlights = [h(1, '企业微信'), h(2, 'Second')];
    expect(markInMarkdown(ARTICLE, TEXT, highlights, 'equals')?.markdown).toBe(
      '==企业微信==成为了这一命题的最优解。\n\n==Second== *paragraph* with [a link](https://x.test/y).',
    );
    expect(markInMarkdown(ARTICLE, TEXT, highlights, 'mark')?.markdown).toContain(
      '<mark>企业微信</mark>',
    );
    const none = markInMarkdown(ARTICLE, TEXT, highlights, 'none');
    expect(none?.markdown).toBe(ARTICLE);
    expect([...(none?.placed ?? [])]).toEqual(['h1', 'h2']);
  });

  it('leaves to the DOM what it cannot place for sure', () => {
    const decline = (quote: string, markdown = ARTICLE, text = TEXT) =>
      markInMarkdown(markdown, text, [h(1, quote)], 'mark');
    expect(decline('Second paragraph')).toBeNull(); // crosses emphasis
    expect(decline('a link')).not.toBeNull();
    expect(decline('with a link')).toBeNull(); // crosses a link
    expect(decline('最优解。\nSecond')).toBeNull(); // across paragraphs
    expect(decline('命题')).not.toBeNull();
    expect(decline('命题', `${ARTICLE}\n\n命题`, `${TEXT}\n命题`)).toBeNull(); // twice
    expect(decline('x.test')).toBeNull(); // only in a link's address
    // In the text once, and in the Markdown once but only where a link points or an image's alt.
    expect(decline('x.test', 'See [here](https://x.test/y).', 'See here x.test')).toBeNull();
    expect(
      decline('a chart', '![a chart](https://x.test/c.png) Sales', 'a chart Sales'),
    ).toBeNull();
    expect(decline('(AP)', 'Police said (AP).', 'Police said (AP).')).not.toBeNull();
    expect(decline('成为', `\`\`\`\n成为\n\`\`\`\n\n${ARTICLE}`)).toBeNull(); // a code block
    expect(decline(' 企业微信 ')).not.toBeNull(); // blank at the edges stays outside
    expect(markInMarkdown(ARTICLE, TEXT, [h(1, '企业微信'), h(2, '微信成为')], 'mark')).toBeNull();
  });
});
