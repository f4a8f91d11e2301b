// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { readCanonicalUrl } from '@/lib/extract/canonical-url';

const TAB = 'https://news.example.com/a/1?utm_source=x&id=7';

function page(head: string): Document {
  return new DOMParser().parseFromString(
    `<html><head>${head}</head><body></body></html>`,
    'text/html',
  );
}

describe('readCanonicalUrl', () => {
  it('takes the canonical link, resolved against the tab', () => {
    expect(readCanonicalUrl(page('<link rel="canonical" href="/story/1">'), TAB)).toBe(
      'https://news.example.com/story/1',
    );
  });

  it('falls back to og:url when the canonical link is not an http(s) address', () => {
    const doc = page(
      '<link rel="canonical" href="javascript:void 0"><meta property="og:url" content="https://example.com/og">',
    );
    expect(readCanonicalUrl(doc, TAB)).toBe('https://example.com/og');
  });

  it('else gives the tab URL without tracking parameters', () => {
    expect(readCanonicalUrl(page(''), TAB)).toBe('https://news.example.com/a/1?id=7');
  });
});
