import { describe, expect, it } from 'vitest';
import {
  emptySiteRule,
  matchSiteRule,
  matchSiteRuleForUrls,
  mergeSiteRules,
  type SiteRule,
} from '@/lib/site-rules';

const rule = (pattern: string, category = pattern): SiteRule => ({
  ...emptySiteRule(pattern),
  category,
});

describe('matchSiteRule', () => {
  const rules = [
    rule('*.36kr.com', 'any 36kr'),
    rule('*.m.36kr.com', 'mobile 36kr'),
    rule('36kr.com', 'exact 36kr'),
    rule('example.com'),
    rule('*.example.com', 'wildcard example'),
    rule('127.0.0.1'),
  ];

  it.each([
    ['https://36kr.com/p/1', 'exact 36kr'],
    ['https://www.36kr.com/p/1', 'exact 36kr'], // `36kr.com` covers its www.
    ['https://news.36kr.com/p/1', 'any 36kr'],
    ['https://a.m.36kr.com/p/1', 'mobile 36kr'],
    ['https://m.36kr.com/p/1', 'mobile 36kr'],
    ['HTTPS://NEWS.36KR.COM./p', 'any 36kr'],
    ['https://example.com:8443/x', 'example.com'],
    ['https://www.example.com/x', 'example.com'],
    ['https://blog.example.com/x', 'wildcard example'],
    ['http://127.0.0.1:8000/pages/a.html', '127.0.0.1'],
  ])('%s → %s', (url, category) => {
    expect(matchSiteRule(rules, url)?.category).toBe(category);
  });

  it.each([
    'https://x36kr.com/',
    'https://36kr.com.evil.net/',
    'https://notexample.com/',
    'not a url',
    'file:///home/me/a.html',
  ])('no rule for %s', (url) => {
    expect(matchSiteRule(rules, url)).toBeNull();
  });

  it('takes the first of equally specific rules and ignores broken patterns', () => {
    expect(
      matchSiteRule([rule('a.com', 'first'), rule('A.com', 'second')], 'https://a.com')?.category,
    ).toBe('first');
    expect(
      matchSiteRule([rule('no such host'), rule('*.a.com', 'ok')], 'https://b.a.com')?.category,
    ).toBe('ok');
  });

  it('tries each URL in turn', () => {
    expect(
      matchSiteRuleForUrls(rules, [null, 'https://elsewhere.net', 'https://36kr.com'])?.category,
    ).toBe('exact 36kr');
    expect(matchSiteRuleForUrls(rules, [])).toBeNull();
  });
});

describe('mergeSiteRules', () => {
  it('replaces rules for the same host in place and appends new ones', () => {
    const merged = mergeSiteRules(
      [rule('a.com', 'old a'), rule('b.com', 'old b')],
      [rule('B.COM', 'new b'), rule('c.com', 'new c')],
    );
    expect(merged.map((r) => r.category)).toEqual(['old a', 'new b', 'new c']);
  });
});
