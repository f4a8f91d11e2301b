// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { htmlToMarkdown } from '@/lib/markdown/html-to-markdown';

const BASE = 'https://news.example/2024/03/story.html';

describe('htmlToMarkdown', () => {
  it('makes links and images absolute', () => {
    const markdown = htmlToMarkdown(
      '<p><a href="../about">About</a> <img src="/img/a.png" alt="A"></p>',
      BASE,
    );
    expect(markdown).toBe(
      '[About](https://news.example/2024/about) ![A](https://news.example/img/a.png)',
    );
  });

  it('drops script links and keeps their text', () => {
    const markdown = htmlToMarkdown(
      '<p><a href="javascript:alert(1)">click</a> <a href="data:text/html,x">d</a></p>',
      BASE,
    );
    expect(markdown).not.toMatch(/javascript:|data:/);
    expect(markdown).toContain('click');
  });

  it('writes GFM tables, also without <thead>', () => {
    const markdown = htmlToMarkdown(
      '<table><tr><td>最新价</td><td>461.40</td></tr><tr><td>涨跌幅</td><td>+1.23%</td></tr></table>',
      BASE,
    );
    expect(markdown).toContain('| 最新价 | 461.40 |');
    expect(markdown).toMatch(/\| --- \| --- \|/);
  });

  it('fences code with the language, longer than any backtick run inside', () => {
    const markdown = htmlToMarkdown(
      '<pre><code class="language-ts">const a = "```";\n</code></pre>',
      BASE,
    );
    expect(markdown).toBe('````ts\nconst a = "```";\n````');
  });

  it('fences a <pre> that has no <code>', () => {
    expect(htmlToMarkdown('<pre>line 1\nline 2</pre>', BASE)).toBe('```\nline 1\nline 2\n```');
  });

  it('keeps CJK bold renderable: punctuation next to a letter moves outside the delimiters', () => {
    expect(htmlToMarkdown('<p>企业微信<strong>“藏”</strong>在水果店</p>', BASE)).toBe(
      '企业微信“**藏**”在水果店',
    );
    expect(htmlToMarkdown('<p><strong>企业微信，“藏”在水果店……</strong></p>', BASE)).toBe(
      '**企业微信，“藏”在水果店……**',
    );
  });

  it('writes ATX headings, dash bullets and blockquotes', () => {
    const markdown = htmlToMarkdown(
      '<h2>What next</h2><ul><li>One</li><li>Two</li></ul><blockquote><p>Quote</p></blockquote>',
      BASE,
    );
    expect(markdown).toBe('## What next\n\n-   One\n-   Two\n\n> Quote');
  });
});

describe('line breaks', () => {
  it('drops a <br> that ends its paragraph but keeps one inside', () => {
    expect(htmlToMarkdown('<p><strong>标题</strong><br /></p><p>a<br>b</p>', BASE)).toBe(
      '**标题**\n\na  \nb',
    );
  });
});

describe('text that looks like markup', () => {
  it('stays text: no HTML tag, Liquid tag or shortcode comes out of a paragraph', () => {
    const markdown = htmlToMarkdown(
      '<p>&lt;script&gt;alert(1)&lt;/script&gt; {{ site.secret }} {% include x %} {{< shortcode >}}</p>',
      BASE,
    );
    expect(markdown).not.toMatch(/<script|\{\{|\{%|\{\{</);
    expect(markdown).toBe(
      '&lt;script>alert(1)&lt;/script> &#123;{ site.secret }&#125; &#123;% include x %&#125; &#123;&#123;< shortcode >&#125;&#125;',
    );
  });

  it('leaves ordinary braces and comparisons alone', () => {
    expect(htmlToMarkdown('<p>a < b and {x} and 3 > 2</p>', BASE)).toBe('a < b and {x} and 3 > 2');
  });
});
