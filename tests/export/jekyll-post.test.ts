import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseFrontMatter } from '../../lib/export/front-matter';
import { renderJekyllPost } from '../../lib/export/jekyll-post';
import type { JekyllPostInput } from '../../lib/export/jekyll-post';

const SOURCE = 'http://finews.zning.xyz/html_News/NewsShare.html?infoCode=NW202201122245569511';

// The metadata of tests/fixtures/seed/2022-01-12-wecom-hard-mode.post.md.
const seed: JekyllPostInput = {
  title: '连接5亿微信活跃用户 企业微信还是选择「Hard」模式',
  siteName: '36氪',
  published: '2022-01-12T21:56:33+08:00',
  savedAt: '2026-11-25T16:05:00+00:00',
  tags: ['36氪新闻'],
  canonicalUrl: SOURCE,
  url: `${SOURCE}&utm_source=feed`,
  markdown:
    '\n\n**企业微信，“藏”在水果店、商超、4S 店……**\n\n“1000 万、1.8 亿、5 亿”，三组数据出现在蓝色的背景屏幕上。\n\n',
};

function lastLine(content: string): string | undefined {
  return content.trimEnd().split('\n').at(-1);
}

describe('renderJekyllPost', () => {
  it('renders the seed post', () => {
    const { fileName, content } = renderJekyllPost(seed);
    expect(fileName.startsWith('2022-01-12-')).toBe(true);
    expect(fileName.endsWith('.md')).toBe(true);
    expect(fileName).toBe(
      '2022-01-12-lian-jie-5yi-wei-xin-huo-yue-yong-hu-qi-ye-wei-xin-hai-shi-xuan-ze-hard-mo-shi.md',
    );

    const { data, body } = parseFrontMatter(content);
    expect(data).toEqual({
      layout: 'post',
      title: '连接5亿微信活跃用户 企业微信还是选择「Hard」模式',
      date: '2022-01-12 21:56:33 +0800',
      categories: ['36ke'],
      tags: ['36氪新闻'],
    });
    expect(lastLine(content)).toBe(`<${SOURCE}>`);
    expect(body.startsWith('\n**企业微信')).toBe(true);
  });

  it('writes exactly the expected text', () => {
    expect(renderJekyllPost(seed).content).toBe(
      [
        '---',
        'layout: post',
        'title: "连接5亿微信活跃用户 企业微信还是选择「Hard」模式"',
        'date: 2022-01-12 21:56:33 +0800',
        'categories:',
        '  - 36ke',
        'tags:',
        '  - 36氪新闻',
        '---',
        '',
        '**企业微信，“藏”在水果店、商超、4S 店……**',
        '',
        '“1000 万、1.8 亿、5 亿”，三组数据出现在蓝色的背景屏幕上。',
        '',
        `<${SOURCE}>`,
        '',
      ].join('\n'),
    );
  });

  it('falls back to savedAt, the host, the tab URL and "Untitled"', () => {
    const { fileName, content } = renderJekyllPost({
      ...seed,
      title: '  ',
      siteName: '🎉',
      published: null,
      savedAt: '2026-11-25T23:30:00-08:00',
      canonicalUrl: '',
      url: 'https://www.example.co.uk/a/b',
      tags: [],
      markdown: '',
    });
    expect(fileName).toBe('2026-11-25-untitled.md');
    const { data } = parseFrontMatter(content);
    expect(data).toEqual({
      layout: 'post',
      title: 'Untitled',
      date: '2026-11-25 23:30:00 -0800',
      categories: ['example-co-uk'],
    });
    expect(lastLine(content)).toBe('<https://www.example.co.uk/a/b>');
  });

  it('uses the host when there is no site name', () => {
    const { content } = renderJekyllPost({ ...seed, siteName: null });
    expect(parseFrontMatter(content).data.categories).toEqual(['finews-zning-xyz']);
  });

  it('keeps tags as typed, as a list, without blanks or repeats', () => {
    const { content } = renderJekyllPost({
      ...seed,
      tags: ['machine learning', '36氪新闻', '', '  ', 'machine learning', 'yes', '1984', 'null'],
    });
    for (const version of ['1.1', '1.2'] as const) {
      const data = parse(content.split('---\n')[1] ?? '', { version }) as Record<string, unknown>;
      expect(data.tags).toEqual(['machine learning', '36氪新闻', 'yes', '1984', 'null']);
    }
  });

  it('keeps hostile titles intact and the front matter closed', () => {
    const title = 'He said: "yes" # not a comment\n---\nC:\\path\\n';
    const { content } = renderJekyllPost({ ...seed, title });
    expect(parseFrontMatter(content).data.title).toBe(title.trim());
    expect(content.split('\n').filter((line) => line === '---')).toHaveLength(2);
  });

  it('percent-encodes characters that would end the <autolink>', () => {
    const { content } = renderJekyllPost({
      ...seed,
      canonicalUrl: 'https://example.com/a b?q=<x>',
    });
    expect(lastLine(content)).toBe('<https://example.com/a%20b?q=%3Cx%3E>');
  });

  it('numbers colliding file names', () => {
    const taken = new Set<string>();
    const first = renderJekyllPost(seed, { taken }).fileName;
    const second = renderJekyllPost(seed, { taken }).fileName;
    expect(second).toBe(first.replace(/\.md$/, '-2.md'));
  });

  it('throws on a published date without an offset', () => {
    expect(() => renderJekyllPost({ ...seed, published: '2022-01-12T21:56:33' })).toThrow(/offset/);
  });
});
