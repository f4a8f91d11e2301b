import { describe, expect, it } from 'vitest';
import { foldOfSites, parseFold, siteOf } from '../../scripts/eval/site-fold';

describe('siteOf', () => {
  it('keeps the registrable part of a host', () => {
    expect(siteOf('news.sina.com.cn')).toBe('sina.com.cn');
    expect(siteOf('www.bbc.co.uk')).toBe('bbc.co.uk');
    expect(siteOf('edition.cnn.com')).toBe('cnn.com');
    expect(siteOf('udn.com')).toBe('udn.com');
    expect(siteOf('news.ltn.com.tw')).toBe('ltn.com.tw');
  });
});

describe('parseFold', () => {
  it('reads K/N and refuses what is not a fold', () => {
    expect(parseFold('1/2')).toEqual({ index: 1, count: 2 });
    expect(parseFold('2/2')).toBeNull();
    expect(parseFold('0/1')).toBeNull();
    expect(parseFold('half')).toBeNull();
  });
});

describe('foldOfSites', () => {
  it('puts every N-th site in the same fold, whatever the order they come in', () => {
    const folds = foldOfSites(['c.com', 'a.com', 'b.com', 'a.com', 'd.com'], 2);
    expect([...folds]).toEqual([
      ['a.com', 0],
      ['b.com', 1],
      ['c.com', 0],
      ['d.com', 1],
    ]);
  });
});
