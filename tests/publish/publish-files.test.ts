/**
 * What one publish sends (popup, library, publish on save): the post and its sidecar, and where
 * there is no DOM (a service worker; this file runs in Node), highlights listed, not marked.
 */
import { describe, expect, it } from 'vitest';
import { parseFrontMatter } from '@/lib/export/front-matter';
import { publishFiles } from '@/lib/publish/publish-files';
import { DEFAULT_SETTINGS } from '@/lib/settings/settings';
import { storedArticle, storedHighlight } from '../library/support';

const markdown = '企业微信成为了这一命题的最优解。'.repeat(8);

describe('publishFiles', () => {
  it('sends the post and its sidecar, titled by the article', () => {
    const article = storedArticle(1, { markdown, text: markdown });
    const { request, postPath } = publishFiles({ article, highlights: [] }, DEFAULT_SETTINGS);
    expect(request.articleId).toBe(article.id);
    expect(request.title).toBe('Article 1');
    expect(request.files.map((f) => f.path)).toEqual([
      postPath,
      `_gleaner/${postPath.replace(/\.md$/, '.json')}`,
    ]);
    expect(postPath).toMatch(/^_posts\/2022-01-12-.+\.md$/);
    const sidecar = JSON.parse(request.files[1]!.content) as { article: { id: string } };
    expect(sidecar.article.id).toBe(article.id);
  });

  it('without a DOM, lists a highlight it cannot place in the text instead of failing', () => {
    expect(typeof DOMParser).toBe('undefined');
    const article = storedArticle(2, {
      markdown,
      text: markdown,
      html: `<p>${markdown}</p><p>只在网页里的一句话</p>`,
    });
    const highlight = storedHighlight(article.id, 1, { quote: '只在网页里的一句话' });
    const bundle = { article, highlights: [highlight] };
    // Placing it needs the HTML parsed: with a DOM expected, there is none here.
    expect(() => publishFiles(bundle, DEFAULT_SETTINGS)).toThrow(/DOMParser/);
    const { request } = publishFiles(bundle, DEFAULT_SETTINGS, { dom: false });
    const post = request.files[0]!.content;
    expect(parseFrontMatter(post).data.highlights).toEqual([
      { quote: '只在网页里的一句话', note: 'note 1', color: 'yellow' },
    ]);
    expect(post).toContain(markdown);
    expect(post).not.toContain('==');
    const sidecar = JSON.parse(request.files[1]!.content) as { highlights: { quote: string }[] };
    expect(sidecar.highlights.map((h) => h.quote)).toEqual(['只在网页里的一句话']);
  });
});
