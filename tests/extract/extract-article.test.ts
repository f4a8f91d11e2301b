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
  it('puts back the lead printed in a block of its own just before the story’s block', () => {
    const lead =
      '平常膀胱无力的民众，感冒药可别乱吃，免得尿不出来！一名老先生喝感冒糖浆，喝到尿不出来，只得导尿，背了一周尿袋。';
    const story = [1, 2, 3, 4, 5].map((day) => `<p>${day}日${PARAGRAPH}</p>`).join('');
    const text = extract(
      `<div class="page"><h1>Story</h1><div class="info"><p>2012年1月12日 11:06</p></div>` +
        `<div class="left"><div class="photo"><ul><li><img src="/a.jpg" width="320">` +
        `<h3 class="desc">${lead}</h3></li></ul></div></div>` +
        `<div class="text">${story}</div>` +
        `<div class="more"><a href="/b">另一条新闻的标题在这里</a></div></div>`,
    );
    expect(text).toContain(lead);
    expect(text.indexOf(lead)).toBeLessThan(text.indexOf('龙年纪念邮票'));
    expect(text).not.toContain('另一条新闻');
  });

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

  it('keeps the panels of a collapsed accordion (an FAQ’s answers), not a hidden menu', () => {
    const answer =
      'Measure both feet in the evening, when they are largest, and leave a thumb’s width of room in front of the longest toe so it does not hit the shoe on downhills.';
    const text = extract(
      `<article><h1>Story</h1><p>${SENTENCE}</p><p>${SENTENCE}</p><p>${SENTENCE}</p>` +
        `<h3><button aria-expanded="false">How should a shoe fit?</button></h3>` +
        `<div hidden aria-hidden="true"><p>${answer}</p></div>` +
        `<button aria-expanded="false" aria-controls="more">More</button><p>${SENTENCE}</p>` +
        `<div id="more" style="display:none"><p>Second answer: ${answer}</p></div>` +
        `<button aria-expanded="false">Sections</button>` +
        `<ul hidden><li><a href="/a">Ferry fares and timetables for the winter season</a></li><li><a href="/b">Harbour works on the north pier and the customs wharf</a></li></ul></article>`,
    );
    expect(text).toContain('Measure both feet');
    expect(text).toContain('Second answer');
    expect(text).not.toContain('Ferry fares and timetables');
  });

  it('leaves out a modal dialog whose class names it with a prefix ("ss-modal")', () => {
    const text = extract(
      `<article><h1>Story</h1><p>${SENTENCE}</p><p>${SENTENCE}</p>` +
        `<div class="ss-modal"><p>Our Integrity Network members review our content and ensure we are providing the most helpful information to our readers.</p></div>` +
        `<p>${SENTENCE}</p></article>`,
    );
    expect(text).toContain('night ferry');
    expect(text).not.toContain('Integrity Network');
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

describe('extractArticle, never worse than Readability alone', () => {
  const STORY_TW = [
    '〔記者王小明／台北報導〕台北市政府今日宣布，捷運環狀線北段將於明年底前動工，預計五年內完工通車，沿線居民期待已久。',
    '市府表示，北段路線全長約十四公里，共設十二座車站，將串連士林、北投及內湖等地區，完工後可望紓解尖峰時段的交通壅塞。',
    '交通局長指出，工程經費約新台幣九百億元，由中央與地方共同分擔，市府將於下個月召開說明會，向沿線里民說明施工期間的交通維持計畫。',
  ];

  it('returns Readability’s article where our reading copy lost the story', () => {
    // A short story whose container the style sheet hides until a script shows it: the reading
    // copy leaves hidden blocks out, vanilla Readability does not read style sheets and keeps it.
    const nav = Array.from({ length: 8 }, (_, i) => `<li><a href="/n/${i}">新聞分類${i}</a></li>`);
    const result = extractArticle(
      new JSDOM(
        `<!doctype html><html><head><title>捷運環狀線北段明年動工</title><style>.story-body { display: none }</style></head>` +
          `<body><ul>${nav.join('')}</ul><h1>捷運環狀線北段明年動工</h1><div class="story-body">` +
          `${STORY_TW.map((p) => `<p>${p}</p>`).join('')}</div></body></html>`,
        { url: 'https://news.example.tw/a/1' },
      ).window.document,
      'https://news.example.tw/a/1',
    );
    expect(result.ok).toBe(true);
    if (result.ok) {
      for (const paragraph of STORY_TW) expect(result.value.text).toContain(paragraph);
    }
  });

  it('still says "no article" where Readability finds none either', () => {
    const links = Array.from(
      { length: 30 },
      (_, i) => `<li><a href="/n/${i}">新聞標題第${i}則</a></li>`,
    );
    const result = extractArticle(
      new JSDOM(
        `<!doctype html><html><head><title>首頁</title></head><body><ul>${links.join('')}</ul></body></html>`,
        { url: 'https://news.example.tw/' },
      ).window.document,
      'https://news.example.tw/',
    );
    expect(result.ok).toBe(false);
  });
});
