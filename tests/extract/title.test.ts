// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { cleanTitle, repairMojibake } from '../../lib/extract/title';
import type { TitleHints } from '../../lib/extract/title';

describe('cleanTitle', () => {
  it.each<[string, TitleHints, string]>([
    // Site suffixes and prefixes.
    [
      '连接5亿微信活跃用户 企业微信还是选择「Hard」模式_东方财富网',
      { siteName: '36氪' },
      '连接5亿微信活跃用户 企业微信还是选择「Hard」模式',
    ],
    ['Headline | The Guardian', {}, 'Headline'],
    ['Headline | The Guardian', { siteName: 'The Guardian' }, 'Headline'],
    ['The Guardian | Headline of the day', { siteName: 'The Guardian' }, 'Headline of the day'],
    [
      'BBC News - Flood warnings across the north',
      { siteName: 'BBC News' },
      'Flood warnings across the north',
    ],
    ['Flood warnings across the north - BBC News', {}, 'Flood warnings across the north'],
    [
      'Flood warnings across the north – Example Daily',
      { siteName: 'Example Daily' },
      'Flood warnings across the north',
    ],
    ['Flood warnings across the north — example.com', {}, 'Flood warnings across the north'],
    ['Markets rally on rate hopes » Finance » Example', {}, 'Markets rally on rate hopes'],
    ['Markets rally on rate hopes :: Example', {}, 'Markets rally on rate hopes'],
    ['Markets rally on rate hopes · Example', {}, 'Markets rally on rate hopes'],
    [
      '四年前中500万现穷困潦倒 一夜暴富后如何经营__商贸_产业资讯_新浪网',
      {},
      '四年前中500万现穷困潦倒 一夜暴富后如何经营',
    ],
    ['工商部门初定SKII广告属于虚假宣传-搜狐财经', {}, '工商部门初定SKII广告属于虚假宣传'],
    ['从原子弹爆炸原理想开去 - 奇闻异事 - 雅虎社区', {}, '从原子弹爆炸原理想开去'],
    [
      '海外留学生看两会：出国前后关注点大不同｜中国青年网',
      {},
      '海外留学生看两会：出国前后关注点大不同',
    ],
    // Real titles that contain separators-like characters stay whole.
    ['Spider-Man: Far From Home review', {}, 'Spider-Man: Far From Home review'],
    ['COVID-19 - what we know', {}, 'COVID-19 - what we know'],
    [
      'COVID-19 - what we know so far',
      { siteName: 'Example News' },
      'COVID-19 - what we know so far',
    ],
    [
      'Oppenheimer — a towering achievement of modern film',
      {},
      'Oppenheimer — a towering achievement of modern film',
    ],
    ['AC/DC announce a new world tour', {}, 'AC/DC announce a new world tour'],
    ['比尔·盖茨访华', {}, '比尔·盖茨访华'],
    [
      '为现代化建设凝聚强大智慧和力量——热烈祝贺会议开幕',
      {},
      '为现代化建设凝聚强大智慧和力量——热烈祝贺会议开幕',
    ],
    ['Headline', {}, 'Headline'],
    // og:title / h1 as guides.
    [
      'Why it matters: the long read | Section | Example',
      { h1: 'Why it matters: the long read' },
      'Why it matters: the long read',
    ],
    [
      'Example Times - Why it matters - a long read',
      { ogTitle: 'Why it matters - a long read' },
      'Why it matters - a long read',
    ],
    [
      'Best Movers (2025) – Top Local Movers | Checkpoint',
      { ogTitle: 'Best Movers (2025) – Top Local Movers', h1: 'Best Movers (2025)' },
      'Best Movers (2025)',
    ],
    [
      'Cloud Innovations: What’s Next in 2025 | Ironhack Blog',
      { h1: 'Cloud Innovations: What’s Next in 2025?' },
      'Cloud Innovations: What’s Next in 2025?',
    ],
    [
      'Quanta Magazine',
      { siteName: 'Quanta Magazine', ogTitle: 'The Hidden Heroines of Chaos' },
      'The Hidden Heroines of Chaos',
    ],
    ['Headline - Example', { h1: 'Example', siteName: 'Example' }, 'Headline'],
    // Whitespace and empty titles.
    ['  Headline\n   with   spaces  |  Site ', {}, 'Headline with spaces'],
    ['', { ogTitle: 'From og | Site', siteName: 'Site' }, 'From og'],
    ['', { h1: 'From h1' }, 'From h1'],
    ['', {}, ''],
  ])('%j → %j', (raw, hints, expected) => {
    expect(cleanTitle(raw, hints)).toBe(expected);
  });
});

describe('cleanTitle on a front page whose h1 is the site logo', () => {
  it('keeps the headline part, not the h1', () => {
    expect(
      cleanTitle("Today's headlines | Link Digest", { h1: 'Link Digest', siteName: '127.0.0.1' }),
    ).toBe("Today's headlines");
  });
});

describe('repairMojibake', () => {
  it('re-reads UTF-8 that a site printed as Latin-1', () => {
    expect(repairMojibake('A DIY Investor\u00e2\u0080\u0099s Guide')).toBe(
      'A DIY Investor’s Guide',
    );
    expect(
      cleanTitle('A DIY Investor\u00e2\u0080\u0099s Guide | White Coat Investor', {
        siteName: 'White Coat Investor',
      }),
    ).toBe('A DIY Investor’s Guide');
  });

  it('leaves real Latin-1 and other text alone', () => {
    expect(repairMojibake('Café crème à Genève')).toBe('Café crème à Genève');
    expect(repairMojibake('企业微信')).toBe('企业微信');
  });
});
