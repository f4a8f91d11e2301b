// @vitest-environment jsdom
/**
 * Golden files: fixture page → extract → Jekyll post. `UPDATE_GOLDEN=1 npx vitest run
 * tests/clip-pipeline.test.ts` rewrites the expected posts; review the diff before committing.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { renderJekyllPost } from '@/lib/export/jekyll-post';
import { extractArticle } from '@/lib/extract/extract-article';

const CASES = [
  { page: 'eastmoney-36kr-wecom', tags: ['36氪新闻'] },
  { page: 'harbor-ferry-news', tags: ['transport', 'city life'] },
];

describe('clip pipeline golden files', () => {
  it.each(CASES)('$page', ({ page, tags }) => {
    const url = `http://127.0.0.1:8000/pages/${page}.html`;
    const dom = new JSDOM(readFileSync(`tests/fixtures/pages/${page}.html`, 'utf8'), { url });
    const result = extractArticle(dom.window.document, url);
    if (!result.ok) throw new Error(result.error.message);
    const post = renderJekyllPost({ ...result.value, tags, savedAt: '2026-11-25T10:00:00+00:00' });
    const expectedPath = `tests/fixtures/expected/${page}.md`;
    if (process.env.UPDATE_GOLDEN) writeFileSync(expectedPath, post.content);
    if (!existsSync(expectedPath))
      throw new Error(`No golden file ${expectedPath}: run with UPDATE_GOLDEN=1`);
    expect(post.content).toBe(readFileSync(expectedPath, 'utf8'));
  });
});
