// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parseFrontMatter } from '@/lib/export/front-matter';
import { renderJekyllPost } from '@/lib/export/jekyll-post';
import { extractArticle } from '@/lib/extract/extract-article';

const URL = 'http://127.0.0.1:8000/hostile/injection.html';

function clipHostilePage() {
  const dom = new JSDOM(readFileSync('tests/fixtures/hostile/injection.html', 'utf8'), {
    url: URL,
  });
  const result = extractArticle(dom.window.document, URL);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

describe('a page that tries to inject into the clip', () => {
  const article = clipHostilePage();
  const post = renderJekyllPost({
    ...article,
    tags: article.keywords,
    savedAt: '2026-11-25T10:00:00+00:00',
  });
  const { data, body } = parseFrontMatter(post.content);

  it('keeps the front matter to our fields, whatever the title says', () => {
    expect(data.layout).toBe('post');
    expect(data.title).toBe(article.title);
    expect(article.title).toContain('---');
    expect(Object.keys(data).sort()).toEqual(['categories', 'date', 'layout', 'tags', 'title']);
    const yaml11 = parseYaml(post.content.split('\n---\n')[0]!.replace(/^---\n/, ''), {
      version: '1.1',
    });
    expect(yaml11.title).toBe(article.title);
    expect(yaml11.tags).toEqual(data.tags);
    expect((data.tags as unknown[]).every((tag) => typeof tag === 'string')).toBe(true);
  });

  it('writes no script, handler, frame or script link into the Markdown', () => {
    expect(body).not.toMatch(/<script|<iframe|<svg|<img|<object|<form|onerror|onload/i);
    expect(body).not.toMatch(/(?<!\\)\]\(\s*(javascript|data|vbscript):/i);
    expect(body).not.toMatch(/\{\{|\{%/);
    expect(body).toContain('[ordinary link](https://example.org/ok)');
  });

  it('sanitises the stored HTML', () => {
    const doc = new DOMParser().parseFromString(article.html, 'text/html');
    expect(
      doc.querySelectorAll('script, iframe, object, embed, form, svg, math, style').length,
    ).toBe(0);
    for (const element of doc.querySelectorAll('*')) {
      for (const attribute of element.attributes) {
        expect(attribute.name).not.toMatch(/^on/i);
        expect(attribute.value).not.toMatch(/^\s*(javascript|vbscript|data):/i);
      }
    }
  });

  it('refuses script URLs as the canonical URL or the lead image', () => {
    expect(article.canonicalUrl).toBe(URL);
    expect(article.leadImage).toBeNull();
    expect(post.content.trim().split('\n').at(-1)).toBe(`<${URL}>`);
  });
});
