// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { readPageMetadata } from '../../lib/extract/page-metadata';

const FIXTURE = readFileSync('tests/fixtures/pages/eastmoney-36kr-wecom.html', 'utf8');
const FIXTURE_URL = 'https://finance.eastmoney.com/a/202201122245569511.html?utm_source=wx';

function parse(html: string): Document {
  return new DOMParser().parseFromString(html, 'text/html');
}

function page(head: string, body = '', lang = ''): Document {
  return parse(
    `<!doctype html><html${lang ? ` lang="${lang}"` : ''}><head>${head}</head><body>${body}</body></html>`,
  );
}

describe('readPageMetadata on the eastmoney fixture', () => {
  it('reads every field', () => {
    const doc = new JSDOM(FIXTURE, { url: FIXTURE_URL }).window.document;
    const meta = readPageMetadata(doc, FIXTURE_URL);
    expect(meta.title).toBe('连接5亿微信活跃用户 企业微信还是选择「Hard」模式');
    expect(meta.siteName).toBe('36氪');
    expect(meta.language).toBe('zh-CN');
    expect(meta.published).toBe('2022-01-12T21:56:33+08:00');
    expect(meta.canonicalUrl).toBe(
      'http://finews.zning.xyz/html_News/NewsShare.html?infoCode=NW202201122245569511',
    );
    expect(meta.keywords).toContain('企业微信');
    expect(meta.keywords).toEqual(['企业微信', '腾讯', '私域流量', '腾讯会议', '腾讯文档']);
    expect(meta.excerpt).toMatch(/^1000万、1\.8亿、5亿/);
    expect(meta.leadImage).toBe(
      'https://webquoteklinepic.eastmoney.com/GetPic.aspx?nid=116.00700&imageType=k',
    );
  });

  it('falls back to the visible 2022年01月12日 21:56 (zh-CN → +08:00) without the meta', () => {
    const doc = parse(FIXTURE);
    doc.querySelector('meta[property="article:published_time"]')?.remove();
    expect(readPageMetadata(doc, FIXTURE_URL).published).toBe('2022-01-12T21:56:00+08:00');
  });

  it('does not modify the document', () => {
    const doc = parse(FIXTURE);
    const before = doc.documentElement.outerHTML;
    readPageMetadata(doc, FIXTURE_URL);
    expect(doc.documentElement.outerHTML).toBe(before);
  });
});

describe('canonicalUrl', () => {
  it('is the tab URL without tracking parameters and fragment when the page names none', () => {
    const url = 'https://ex.com/a?utm_source=x&id=3#top';
    const doc = new JSDOM('<title>A</title><h1>A</h1>', { url }).window.document;
    expect(readPageMetadata(doc, url).canonicalUrl).toBe('https://ex.com/a?id=3');
  });

  it('resolves a relative canonical against the tab URL', () => {
    const doc = page('<link rel="canonical" href="/news/1.html">');
    expect(readPageMetadata(doc, 'https://ex.com/a/b?x=1').canonicalUrl).toBe(
      'https://ex.com/news/1.html',
    );
  });

  it('uses og:url when there is no canonical link, and ignores non-http(s) values', () => {
    const doc = page(
      '<link rel="canonical" href="javascript:alert(1)"><meta property="og:url" content="https://ex.com/og">',
    );
    expect(readPageMetadata(doc, 'https://ex.com/tab').canonicalUrl).toBe('https://ex.com/og');
    const none = page('<link rel="canonical" href="data:text/html,x">');
    expect(readPageMetadata(none, 'https://ex.com/tab?fbclid=1').canonicalUrl).toBe(
      'https://ex.com/tab',
    );
  });
});

describe('language', () => {
  it.each<[string, string, string | null]>([
    ['', 'zh-cn', 'zh-CN'],
    ['', 'zh-hans', 'zh-Hans'],
    ['', 'en', 'en'],
    ['<meta http-equiv="content-language" content="ja">', '', 'ja'],
    ['<meta property="og:locale" content="zh_CN">', '', 'zh-CN'],
    [
      '<script type="application/ld+json">{"@type":"Article","inLanguage":"pt-BR"}</script>',
      '',
      'pt-BR',
    ],
    ['', '{{lang}}', null],
    ['', '', null],
  ])('%s lang=%s → %s', (head, lang, expected) => {
    expect(readPageMetadata(page(head, '', lang), 'https://ex.com/').language).toBe(expected);
  });
});

describe('siteName', () => {
  it('prefers og:site_name, then the JSON-LD publisher, application-name, the host', () => {
    const url = 'https://www.ex.com/a';
    const jsonLd =
      '<script type="application/ld+json">{"@type":"NewsArticle","publisher":{"@type":"Organization","name":"Publisher"}}</script>';
    expect(
      readPageMetadata(page(`<meta property="og:site_name" content="OG">${jsonLd}`), url).siteName,
    ).toBe('OG');
    expect(readPageMetadata(page(jsonLd), url).siteName).toBe('Publisher');
    expect(
      readPageMetadata(page('<meta name="application-name" content="App">'), url).siteName,
    ).toBe('App');
    expect(readPageMetadata(page(''), url).siteName).toBe('ex.com');
  });
});

describe('title', () => {
  it('cuts the site name with the h1 and og:title as guides', () => {
    const doc = page(
      '<title>Floods hit the north | Section | Example News</title><meta property="og:site_name" content="Example News">',
      '<h1><a href="/">Example News</a></h1><article><h1>Floods hit the north</h1></article>',
    );
    expect(readPageMetadata(doc, 'https://ex.com/').title).toBe('Floods hit the north');
  });

  it('falls back to og:title, then the h1, when <title> is empty', () => {
    expect(
      readPageMetadata(
        page('<meta property="og:title" content="OG title">', '<h1>H1</h1>'),
        'https://ex.com/',
      ).title,
    ).toBe('OG title');
    expect(
      readPageMetadata(page('<title> </title>', '<h1>H1 title</h1>'), 'https://ex.com/').title,
    ).toBe('H1 title');
  });
});

describe('byline', () => {
  const url = 'https://ex.com/';
  it.each<[string, string, string | null]>([
    [
      '<script type="application/ld+json">{"@type":"NewsArticle","author":"Jane Doe"}</script>',
      '',
      'Jane Doe',
    ],
    [
      '<script type="application/ld+json">{"@type":"NewsArticle","author":{"@type":"Person","name":"Jane Doe"}}</script>',
      '',
      'Jane Doe',
    ],
    [
      '<script type="application/ld+json">{"@graph":[{"@type":"Article","author":[{"name":"Jane Doe"},{"name":"John Roe"}]}]}</script>',
      '',
      'Jane Doe, John Roe',
    ],
    ['<meta name="author" content="Jane Doe">', '', 'Jane Doe'],
    ['<meta property="article:author" content="https://facebook.com/jane">', '', null],
    ['<meta property="article:author" content="Jane Doe">', '', 'Jane Doe'],
    ['', '<a rel="author" href="/jane">Jane Doe</a>', 'Jane Doe'],
    [
      '',
      '<span itemprop="author" itemscope><span itemprop="name">Jane Doe</span></span>',
      'Jane Doe',
    ],
    ['', '<div class="byline">By Jane Doe</div>', 'Jane Doe'],
    ['', '<span class="author">作者：张三</span>', '张三'],
    ['', '<span class="author">来源：新华网</span>', '新华网'],
    [
      '<title>标题_网站</title>',
      '<h1>标题</h1><p>时间：2004年10月21日14:18 作者：郭励弘 我来说两句( 0 )</p>',
      '郭励弘',
    ],
    ['', `<div class="author">${'x'.repeat(200)}</div>`, null],
    ['', '<p>No byline here.</p>', null],
  ])('%s %s → %s', (head, body, expected) => {
    expect(readPageMetadata(page(head, body), url).byline).toBe(expected);
  });
});

describe('excerpt and leadImage', () => {
  const url = 'https://ex.com/news/a.html';
  it('reads og:description, meta description, JSON-LD description', () => {
    expect(
      readPageMetadata(page('<meta property="og:description" content="  OG  desc ">'), url).excerpt,
    ).toBe('OG desc');
    expect(
      readPageMetadata(page('<meta name="description" content="Meta desc">'), url).excerpt,
    ).toBe('Meta desc');
    expect(
      readPageMetadata(
        page(
          '<script type="application/ld+json">{"@type":"Article","description":"LD desc"}</script>',
        ),
        url,
      ).excerpt,
    ).toBe('LD desc');
    expect(readPageMetadata(page(''), url).excerpt).toBeNull();
  });

  it.each<[string, string | null]>([
    ['<meta property="og:image" content="/img/a.jpg">', 'https://ex.com/img/a.jpg'],
    [
      '<meta property="og:image" content="data:image/png;base64,xx"><meta name="twitter:image" content="//cdn.ex.com/t.jpg">',
      'https://cdn.ex.com/t.jpg',
    ],
    [
      '<script type="application/ld+json">{"@type":"Article","image":"https://ex.com/ld.jpg"}</script>',
      'https://ex.com/ld.jpg',
    ],
    [
      '<script type="application/ld+json">{"@type":"Article","image":{"@type":"ImageObject","url":"https://ex.com/obj.jpg"}}</script>',
      'https://ex.com/obj.jpg',
    ],
    [
      '<script type="application/ld+json">{"@type":"Article","image":["https://ex.com/1.jpg","https://ex.com/2.jpg"]}</script>',
      'https://ex.com/1.jpg',
    ],
    ['<meta property="og:image" content="javascript:alert(1)">', null],
    ['', null],
  ])('%s → %s', (head, expected) => {
    expect(readPageMetadata(page(head), url).leadImage).toBe(expected);
  });
});

describe('keywords', () => {
  const url = 'https://ex.com/';
  it('splits, merges, trims and dedupes meta keywords, article:tag and JSON-LD keywords', () => {
    const doc = page(
      `<meta name="keywords" content="企业微信, 腾讯，私域流量;腾讯会议；腾讯文档、 ,AI">
       <meta property="article:tag" content="ai"><meta property="article:tag" content="Cloud">
       <script type="application/ld+json">{"@type":"Article","keywords":["cloud","Edge"]}</script>`,
    );
    expect(readPageMetadata(doc, url).keywords).toEqual([
      '企业微信',
      '腾讯',
      '私域流量',
      '腾讯会议',
      '腾讯文档',
      'AI',
      'Cloud',
      'Edge',
    ]);
  });

  it('reads a JSON-LD keywords string and keeps at most 20', () => {
    const many = Array.from({ length: 30 }, (_, i) => `k${i}`).join(',');
    const doc = page(
      `<script type="application/ld+json">{"@type":"Article","keywords":"${many}"}</script>`,
    );
    const keywords = readPageMetadata(doc, url).keywords;
    expect(keywords).toHaveLength(20);
    expect(keywords[0]).toBe('k0');
  });

  it('is empty without keywords', () => {
    expect(readPageMetadata(page(''), url).keywords).toEqual([]);
  });
});

describe('robustness', () => {
  it('never throws on malformed JSON-LD', () => {
    const doc = page(
      `<script type="application/ld+json">{not json</script>
       <script type="application/ld+json"></script>
       <script type="application/ld+json">null</script>
       <script type="application/ld+json">"just a string"</script>
       <script type="application/ld+json">{"@type":"Article","author":{"name":["A", 3, null]},"image":{"url":7}}</script>
       <meta name="author" content="Fallback">`,
    );
    const meta = readPageMetadata(doc, 'https://ex.com/');
    expect(meta.byline).toBe('A');
    expect(meta.leadImage).toBeNull();
  });

  it('reads an empty document', () => {
    expect(readPageMetadata(parse(''), 'https://ex.com/x')).toEqual({
      title: '',
      byline: null,
      siteName: 'ex.com',
      language: null,
      canonicalUrl: 'https://ex.com/x',
      published: null,
      excerpt: null,
      leadImage: null,
      keywords: [],
    });
  });
});
