// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import {
  findPublished,
  formatIsoWithOffset,
  normalizeIsoDate,
  parseVisibleDate,
} from '../../lib/extract/published-date';

/* Every expectation carries its offset explicitly: these pass under any TZ (run them with
   TZ=UTC, TZ=Asia/Shanghai and TZ=America/New_York). */

function page(head: string, body = ''): Document {
  return new DOMParser().parseFromString(
    `<!doctype html><html><head>${head}</head><body>${body}</body></html>`,
    'text/html',
  );
}

/** The machine's offset at that wall time, as `±HH:MM`. */
function machineOffset(year: number, month: number, day: number, hour = 0, minute = 0): string {
  return formatIsoWithOffset(
    { year, month, day },
    -new Date(year, month - 1, day, hour, minute).getTimezoneOffset() || 0,
  ).slice(19);
}

describe('formatIsoWithOffset', () => {
  it.each([
    [
      { year: 2022, month: 1, day: 12, hour: 21, minute: 56, second: 33 },
      480,
      '2022-01-12T21:56:33+08:00',
    ],
    [{ year: 2022, month: 1, day: 12 }, 0, '2022-01-12T00:00:00+00:00'],
    [{ year: 2022, month: 7, day: 1, hour: 9, minute: 5 }, -240, '2022-07-01T09:05:00-04:00'],
    [{ year: 2022, month: 7, day: 1, hour: 9 }, 330, '2022-07-01T09:00:00+05:30'],
    [{ year: 2022, month: 7, day: 1 }, -570, '2022-07-01T00:00:00-09:30'],
  ])('%j at %i → %s', (parts, offset, expected) => {
    expect(formatIsoWithOffset(parts, offset)).toBe(expected);
  });
});

describe('normalizeIsoDate', () => {
  it.each([
    ['2022-01-12T21:56:33+08:00', -300, '2022-01-12T21:56:33+08:00'],
    ['2022-01-12T13:56:33Z', 480, '2022-01-12T13:56:33+00:00'],
    ['2022-01-12T13:56:33z', 480, '2022-01-12T13:56:33+00:00'],
    ['2022-01-12T21:56:33.123+08:00', 0, '2022-01-12T21:56:33+08:00'],
    ['2022-01-12T21:56:33.000000', 60, '2022-01-12T21:56:33+01:00'],
    ['2017-11-03 03:01:00.000000', -300, '2017-11-03T03:01:00-05:00'],
    ['2021-11-01T10:52:50+0100', 480, '2021-11-01T10:52:50+01:00'],
    ['2022-01-12T21:56:33-05:00', 480, '2022-01-12T21:56:33-05:00'],
    ['2022-01-12T21:56+08', 0, '2022-01-12T21:56:00+08:00'],
    ['2022-01-12 21:56:33', 480, '2022-01-12T21:56:33+08:00'],
    ['2022-01-12 21:56:33 GMT+0800', 0, '2022-01-12T21:56:33+08:00'],
    ['2022-01-12 21:56', 540, '2022-01-12T21:56:00+09:00'],
    ['2022-01-12', 480, '2022-01-12T00:00:00+08:00'],
    ['2005-3-11 12:12', 480, '2005-03-11T12:12:00+08:00'],
    ['2022/01/12 21:56:33', 480, '2022-01-12T21:56:33+08:00'],
    ['20220112', -300, '2022-01-12T00:00:00-05:00'],
    ['20220112T215633Z', 480, '2022-01-12T21:56:33+00:00'],
    ['  2022-01-12T21:56:33+08:00  ', 0, '2022-01-12T21:56:33+08:00'],
  ])('%s (default %i) → %s', (value, offset, expected) => {
    expect(normalizeIsoDate(value, offset)).toBe(expected);
  });

  it.each([
    ['January 12, 2022'],
    ['2022-02-30'],
    ['2022-13-01'],
    ['2022-01-12T25:00:00Z'],
    ['2022-01-12T21:56:33+25:00'],
    ['1641995793'],
    ['yesterday'],
    [''],
  ])('%j → null', (value) => {
    expect(normalizeIsoDate(value, 0)).toBeNull();
  });

  it('asks a default-offset function for the wall time (DST)', () => {
    const newYork = (parts: { month: number }): number =>
      parts.month >= 4 && parts.month <= 10 ? -240 : -300;
    expect(normalizeIsoDate('2022-07-01 12:00', newYork)).toBe('2022-07-01T12:00:00-04:00');
    expect(normalizeIsoDate('2022-01-12 12:00', newYork)).toBe('2022-01-12T12:00:00-05:00');
    expect(normalizeIsoDate('2022-01-12T12:00:00+08:00', newYork)).toBe(
      '2022-01-12T12:00:00+08:00',
    );
  });
});

describe('parseVisibleDate', () => {
  it.each([
    ['2022年01月12日 21:56', 480, '2022-01-12T21:56:00+08:00'],
    ['2022年1月12日', 480, '2022-01-12T00:00:00+08:00'],
    ['发布时间：2022年1月12日 21:56 来源：36氪', 480, '2022-01-12T21:56:00+08:00'],
    ['2004年7月16日08:19 [ 黄宇 ]', 480, '2004-07-16T08:19:00+08:00'],
    ['〓 网易娱乐 发布时间 2005/05/17 22:11:42 by 眉间尺 〓', 480, '2005-05-17T22:11:42+08:00'],
    ['January 12, 2022 9:56 PM EST', 480, '2022-01-12T21:56:00-05:00'],
    ['Jan 12, 2022', -300, '2022-01-12T00:00:00-05:00'],
    ['2022-01-12 21:56:33', 0, '2022-01-12T21:56:33+00:00'],
    ['2022/1/12 21:56', -300, '2022-01-12T21:56:00-05:00'],
    ['12 January 2022', 60, '2022-01-12T00:00:00+01:00'],
    ['Posted on 12 January 2022 at 09:30', 0, '2022-01-12T09:30:00+00:00'],
    ['Updated Jan 13, 2022; published Jan 12, 2022', 0, '2022-01-12T00:00:00+00:00'],
  ])('%j (default %i) → %s', (text, offset, expected) => {
    expect(parseVisibleDate(text, offset)).toBe(expected);
  });

  it("reads day/month order and month names in the page's language", () => {
    expect(parseVisibleDate('publicado em 28/04/2019 às 06:01', -180, 'pt-BR')).toBe(
      '2019-04-28T06:01:00-03:00',
    );
    expect(parseVisibleDate('12 janvier 2022 à 21h56', 60, 'fr')).toBe('2022-01-12T21:56:00+01:00');
    expect(parseVisibleDate('2022年1月12日 21時56分', 540, 'ja')).toBe('2022-01-12T21:56:00+09:00');
  });

  it.each([
    ['Published 3 hours ago'],
    ['昨天 12:00'],
    ['今天'],
    ['01-12'],
    ['21:56'],
    ['2022'],
    ['no date here'],
    [''],
  ])('%j → null (no full, written date)', (text) => {
    expect(parseVisibleDate(text, 0)).toBeNull();
  });
});

describe('findPublished', () => {
  it('reads JSON-LD datePublished, preferring the article node of a @graph', () => {
    const doc = page(`<script type="application/ld+json">{"@context":"https://schema.org","@graph":[
      {"@type":"WebSite","name":"Example"},
      {"@type":"WebPage","datePublished":"2021-05-01T08:00:00+00:00"},
      {"@type":"NewsArticle","headline":"H","datePublished":"2022-01-12T21:56:33+08:00"}]}</script>`);
    expect(findPublished(doc, null)).toBe('2022-01-12T21:56:33+08:00');
  });

  it('reads JSON-LD arrays, nested nodes and @type arrays', () => {
    const array = page(`<script type="application/ld+json">[{"@type":"Organization","name":"X"},
      {"@type":["BlogPosting"],"datePublished":"2022-01-12"}]</script>`);
    expect(findPublished(array, 'zh-CN')).toBe('2022-01-12T00:00:00+08:00');
    const nested = page(`<script type="application/ld+json">{"@type":"WebPage",
      "mainEntity":{"@type":"Article","datePublished":"2022-01-12T13:56:33Z"}}</script>`);
    expect(findPublished(nested, null)).toBe('2022-01-12T13:56:33+00:00');
  });

  it('skips malformed JSON-LD and falls back to meta tags', () => {
    const doc =
      page(`<script type="application/ld+json">{"@type":"Article", "datePublished": </script>
      <meta property="article:published_time" content="2022-01-12T21:56:33+08:00">`);
    expect(findPublished(doc, null)).toBe('2022-01-12T21:56:33+08:00');
  });

  it('tolerates raw newlines and HTML comments inside a JSON-LD block', () => {
    const doc = page(`<script type="application/ld+json"><!--
      {"@type":"NewsArticle","description":"line one
      line two","datePublished":"2022-01-12T21:56:33+08:00"}
      --></script>`);
    expect(findPublished(doc, null)).toBe('2022-01-12T21:56:33+08:00');
  });

  it.each([
    ['property', 'og:published_time'],
    ['name', 'pubdate'],
    ['name', 'publishdate'],
    ['name', 'publish-date'],
    ['name', 'date'],
    ['name', 'DC.date'],
    ['name', 'dcterms.created'],
    ['name', 'sailthru.date'],
    ['name', 'parsely-pub-date'],
    ['itemprop', 'datePublished'],
  ])('reads <meta %s="%s">', (attribute, key) => {
    const doc = page(`<meta ${attribute}="${key}" content="2022-01-12 21:56:33">`);
    expect(findPublished(doc, 'zh-CN')).toBe('2022-01-12T21:56:33+08:00');
  });

  it('prefers article:published_time over other meta and ignores modified times', () => {
    const doc = page(`<meta property="article:modified_time" content="2022-03-01T00:00:00Z">
      <meta name="date" content="2022-02-01"><meta property="article:published_time" content="2022-01-12T21:56:33+08:00">`);
    expect(findPublished(doc, null)).toBe('2022-01-12T21:56:33+08:00');
  });

  it('reads a human-readable meta value', () => {
    const doc = page('<meta name="date" content="Wed, 12 Jan 2022 13:56:33 GMT">');
    expect(findPublished(doc, null)).toBe('2022-01-12T13:56:33+00:00');
  });

  it('reads itemprop=datePublished on any element (content, datetime)', () => {
    expect(
      findPublished(
        page(
          '',
          '<span itemprop="datePublished" content="2022-01-12T21:56:33+08:00">Jan 12</span>',
        ),
        null,
      ),
    ).toBe('2022-01-12T21:56:33+08:00');
    expect(
      findPublished(
        page(
          '',
          '<time itemprop="datePublished dateCreated" datetime="2022-01-12T21:56:33+08:00"></time>',
        ),
        null,
      ),
    ).toBe('2022-01-12T21:56:33+08:00');
  });

  it('prefers the <time> of the article over one in a sidebar', () => {
    const doc = page(
      '',
      `<aside><time datetime="2021-06-01T10:00:00Z">June 1</time></aside>
       <article><header><h1>Headline</h1><time datetime="2022-01-12T21:56:33+08:00">Jan 12</time></header></article>`,
    );
    expect(findPublished(doc, null)).toBe('2022-01-12T21:56:33+08:00');
  });

  it('skips a <time> marked as the modification time', () => {
    const doc = page(
      '',
      `<h1>Headline</h1><time class="updated" datetime="2022-03-01T00:00:00Z"></time>
       <time datetime="2022-01-12T21:56:33+08:00"></time>`,
    );
    expect(findPublished(doc, null)).toBe('2022-01-12T21:56:33+08:00');
  });

  it('takes the revision date when the page shows that one beside the headline', () => {
    const head = `<script type="application/ld+json">{"@type":"Article",
      "datePublished":"2018-04-03T16:50:31Z","dateModified":"2025-12-19T18:06:00Z"}</script>`;
    const shown = page(
      head,
      '<h1>The best running shoes</h1><p class="byline">By A. Writer <time>Updated: Dec 19, 2025 1:06 PM EST</time></p>',
    );
    expect(findPublished(shown, 'en')).toBe('2025-12-19T18:06:00+00:00');
    // The page shows the first version's date: that one stays.
    const first = page(
      head,
      '<h1>The best running shoes</h1><p class="byline">By A. Writer, April 3, 2018</p>',
    );
    expect(findPublished(first, 'en')).toBe('2018-04-03T16:50:31+00:00');
  });

  it('takes no date written in numbers with a two-digit year (09/11/25: which is the year?)', () => {
    const doc = page(
      '<title>Best kettles</title>',
      '<h1>Best kettles</h1><div class="attribution-date">Updated on 09/11/25</div>',
    );
    expect(findPublished(doc, 'en')).toBeNull();
  });

  it('reads the visible date line under the headline in the page language offset', () => {
    const doc = page(
      '<title>Headline_Site</title>',
      `<div class="nav"><span class="time">01-11</span></div><h1>Headline</h1>
       <div class="infos"><div class="item">2022年01月12日 21:56</div><div class="item source">来源：36氪</div></div>
       <ul class="related"><li>Other<span class="time">2021年12月01日 10:00</span></li></ul>`,
    );
    expect(findPublished(doc, 'zh-CN')).toBe('2022-01-12T21:56:00+08:00');
  });

  it('finds the headline of a page without h1 from the <title>', () => {
    const doc = page(
      '<title>劳伦斯：一个无法定义的“洛克菲勒”-搜狐财经</title>',
      `<table><tr><td>2026年1月1日 星期四</td></tr>
       <tr><td><strong>劳伦斯：一个无法定义的“洛克菲勒”</strong></td></tr>
       <tr><td><font>BUSINESS.SOHU.COM\u30002004年7月16日08:19 [ 黄宇 ]</font></td></tr></table>`,
    );
    expect(findPublished(doc, null)).toBe('2004-07-16T08:19:00+08:00');
  });

  it('reads a Chinese page without lang (or with a wrong one) in China’s +08:00', () => {
    const body = `<h1>台北捷運新路線今日通車</h1><p>發佈時間：2024-03-05 10:30</p>
      <p>台北捷運環狀線北段今日上午正式通車，市長出席典禮並搭乘首班列車，沿線居民期待已久。</p>`;
    expect(findPublished(page('<title>台北捷運新路線今日通車</title>', body), null)).toBe(
      '2024-03-05T10:30:00+08:00',
    );
    expect(findPublished(page('<title>台北捷運新路線今日通車</title>', body), 'en')).toBe(
      '2024-03-05T10:30:00+08:00',
    );
  });

  it('reads Japanese and Korean text in +09:00', () => {
    const japanese = page(
      '<meta name="date" content="2024-03-05 10:30">',
      '<p>東京都は５日、新しい子育て支援策を発表した。来年度から保育料の負担を軽くする方針だという。</p>',
    );
    expect(findPublished(japanese, null)).toBe('2024-03-05T10:30:00+09:00');
    const korean = page(
      '<meta name="date" content="2024-03-05 10:30">',
      '<p>서울시는 5일 새로운 보육 지원 정책을 발표했다. 내년부터 보육료 부담을 줄이는 방안이 포함됐다고 밝혔다.</p>',
    );
    expect(findPublished(korean, null)).toBe('2024-03-05T10:30:00+09:00');
  });

  it('reads ROC-era years (民國113年 = 2024) and traditional labels', () => {
    const doc = page(
      '<title>颱風動態</title>',
      '<h1>颱風動態</h1><div class="info">發佈日期：民國113年3月5日 14:20</div><p>中央氣象署表示，颱風今晚起影響東半部。</p>',
    );
    expect(findPublished(doc, 'zh-TW')).toBe('2024-03-05T14:20:00+08:00');
  });

  it('uses a "published" label anywhere when nothing is near the headline', () => {
    const doc = page('', '<p>Lorem ipsum.</p><div><em>发表于2005年09月07日 11:57 AM</em></div>');
    expect(findPublished(doc, 'zh-CN')).toBe('2005-09-07T11:57:00+08:00');
  });

  it("uses the machine's offset at that wall time when the language implies none", () => {
    const doc = page('<meta name="date" content="2022-07-01 12:00:00">');
    expect(findPublished(doc, 'en')).toBe(`2022-07-01T12:00:00${machineOffset(2022, 7, 1, 12)}`);
    const winter = page('<meta name="date" content="2022-01-12 12:00:00">');
    expect(findPublished(winter, null)).toBe(
      `2022-01-12T12:00:00${machineOffset(2022, 1, 12, 12)}`,
    );
  });

  it('ignores dates more than a day ahead and before 1990', () => {
    const future = new Date(Date.now() + 3 * 24 * 3600 * 1000).toISOString().slice(0, 19);
    const doc = page(
      `<meta property="article:published_time" content="${future}Z">
       <meta name="date" content="1989-12-31T12:00:00Z"><meta name="pubdate" content="2022-01-12T21:56:33+08:00">`,
    );
    expect(findPublished(doc, null)).toBe('2022-01-12T21:56:33+08:00');
  });

  it('takes no copyright year for a date', () => {
    const doc = page(
      '<title>Headline</title>',
      '<h1>Headline</h1><p>Story text.</p><footer>© 2023 Example Media. Copyright 2019-2024. 版权所有 2024</footer>',
    );
    expect(findPublished(doc, 'en')).toBeNull();
  });

  it('returns null when the page has no date', () => {
    expect(
      findPublished(page('<title>T</title>', '<h1>T</h1><p>Text 01-12 21:56</p>'), 'zh'),
    ).toBeNull();
  });
});
