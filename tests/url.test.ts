import { describe, expect, it } from 'vitest';
import { stripTrackingParams, urlKey } from '@/lib/url';

describe('stripTrackingParams', () => {
  it.each([
    ['https://ex.com/a?utm_source=x&id=3#top', 'https://ex.com/a?id=3'],
    ['https://ex.com/a?fbclid=1&gclid=2', 'https://ex.com/a'],
    ['https://ex.com/a?page=2&UTM_Campaign=z', 'https://ex.com/a?page=2'],
    ['not a url', 'not a url'],
  ])('%s → %s', (input, expected) => {
    expect(stripTrackingParams(input)).toBe(expected);
  });
});

describe('urlKey', () => {
  it('gives one key to the same page reached different ways', () => {
    const key = urlKey('https://www.ex.com/news/1/?b=2&a=1&utm_medium=social#comments');
    expect(urlKey('http://ex.com/news/1?a=1&b=2')).toBe(key);
    expect(key).toBe('ex.com/news/1?a=1&b=2');
  });

  it('keeps different pages apart', () => {
    expect(urlKey('https://ex.com/news/1')).not.toBe(urlKey('https://ex.com/news/2'));
    expect(urlKey('https://ex.com/news?id=1')).not.toBe(urlKey('https://ex.com/news?id=2'));
    expect(urlKey('https://ex.com:8080/a')).not.toBe(urlKey('https://ex.com/a'));
  });
});
