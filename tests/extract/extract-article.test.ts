// @vitest-environment jsdom
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { extractArticle } from '@/lib/extract/extract-article';

const PARAGRAPH =
  '（明报温哥华）加拿大的中国新年系列龙年纪念邮票昨日正式发行，吸引数十名集邮爱好者在温市中心加拿大广场邮局排队购买，邮政局今年首次推出辞旧迎新纪念版本。';
const SENTENCE =
  'The harbour board said the night ferry would run every forty minutes between the north pier and the old customs wharf until half past two in the morning.';

function extract(body: string, head = '', url = 'https://news.example.com/2024/story.html') {
  const dom = new JSDOM(
    `<!doctype html><html><head><title>Story</title>${head}</head><body>${body}</body></html>`,
    {
      url,
    },
  );
  const result = extractArticle(dom.window.document, url);
  if (!result.ok) throw new Error(result.error.message);
  return result.value.text;
}

describe('extractArticle', () => {
  it('leaves out watermarks hidden by the page’s style sheet or set in white', () => {
    const text = extract(
      `<div id="endText"><p>${PARAGRAPH} <span class="Nys842">加拿大家园,www.iask.ca</span></p>` +
        `<p>${PARAGRAPH}<font color="#FFFFFF">iask.ca</font></p><p>${PARAGRAPH}</p></div>`,
      '<style>.Nys842 { display:none; }</style>',
    );
    expect(text).toContain('龙年纪念邮票');
    expect(text).not.toContain('iask');
  });

  it('finds hidden classes in media blocks and selector lists, not in other rules', () => {
    const text = extract(
      `<div id="endText"><p>${PARAGRAPH}<span class="wm">加拿大家园,www.iask.ca</span></p>` +
        `<p>${PARAGRAPH}<span class="note">编者按：邮票共发行八枚</span></p><p>${PARAGRAPH}</p></div>`,
      '<style>/* print */ .note { color: red } @media screen { .note { font-weight: bold } .x, .wm { visibility: hidden } }</style>',
    );
    expect(text).not.toContain('iask');
    expect(text).toContain('邮票共发行八枚');
  });

  it('keeps white text that is not a site’s name (it may sit on a dark cell)', () => {
    const text = extract(
      `<div><p>${PARAGRAPH}</p><p><font color=white>下面的图表是要帮助你按步骤分析你的问题：</font></p><p>${PARAGRAPH}</p></div>`,
    );
    expect(text).toContain('下面的图表');
  });

  it('narrows a whole-page table to the post body when the rest is links and short lines', () => {
    const sidebar = Array.from(
      { length: 30 },
      (_, i) => `<li><a href="/p/${i}">旧文章标题第${i}篇</a></li>`,
    ).join('');
    const text = extract(
      `<table><tr><td><ul>${sidebar}</ul><p>我是一个简单的女生</p></td>` +
        `<td><div class="post-body">${PARAGRAPH.repeat(2)}<br><br>${PARAGRAPH}</div><div>由海姑娘张贴</div></td></tr></table>`,
    );
    expect(text).toContain('龙年纪念邮票');
    expect(text).not.toContain('旧文章标题');
    expect(text).not.toContain('简单的女生');
  });

  it('uses a site rule’s content and clutter selectors', () => {
    const dom = new JSDOM(
      `<!doctype html><html><head><title>Ferries</title></head><body>` +
        `<main><p>${SENTENCE}</p><p>${SENTENCE}</p><p>${SENTENCE}</p></main>` +
        `<div class="story"><p class="promo">Buy our annual pass today.</p><p>${SENTENCE.replace('harbour board', 'ferry operator')}</p><p>${SENTENCE.replace('harbour board', 'ferry operator')}</p></div>` +
        `</body></html>`,
      { url: 'https://www.ferries.example/news/1' },
    );
    const result = extractArticle(dom.window.document, 'https://www.ferries.example/news/1', {
      siteRules: [
        { pattern: 'ferries.example', contentSelector: '.story', clutterSelectors: ['.promo'] },
      ],
    });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.text).toContain('ferry operator');
    expect(result.value.text).not.toContain('harbour board');
    expect(result.value.text).not.toContain('annual pass');
  });
});
