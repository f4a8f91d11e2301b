// @vitest-environment jsdom
import { Readability } from '@mozilla/readability';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { FastReadability } from '@/lib/extract/fast-readability';

/** A short story in clutter: Readability finds too little and retries with fewer rules. */
function page(paragraphs: number): Document {
  const story = Array.from(
    { length: paragraphs },
    (_, i) => `<p>Paragraph ${i}, with a sentence or two of the story, long enough, it says.</p>`,
  ).join('');
  return new JSDOM(
    `<!doctype html><html><head><title>A story</title></head><body>` +
      `<div class="sidebar"><a href="/a">Home</a> <a href="/b">News</a></div>` +
      `<div class="comment" style="display: none">Hidden</div>` +
      `<div class="content" aria-hidden="true"><span class="byline">By Jane Doe</span>${story}</div>` +
      `<div class="footer"><p>Copyright, all rights reserved.</p></div></body></html>`,
    { url: 'https://example.com/story' },
  ).window.document;
}

describe('FastReadability', () => {
  it.each([1, 3, 12])('gives the same article as Readability (%i paragraphs)', (paragraphs) => {
    const vanilla = new Readability(page(paragraphs)).parse();
    const fast = new FastReadability(page(paragraphs)).parse();
    expect(fast).toEqual(vanilla);
  });

  it('leaves the page element as it found it', () => {
    const doc = page(1);
    new FastReadability(doc).parse();
    expect(Object.getOwnPropertyDescriptor(doc.body, 'innerHTML')).toBeUndefined();
  });
});
