import { describe, expect, it } from 'vitest';
import { parsePageRequest, parseRequest } from '@/lib/messaging/protocol';
import { isContentScriptSender, isExtensionPageSender } from '@/lib/messaging/sender';
import { sampleClip } from '../support/article';

describe('parseRequest', () => {
  it('accepts each well-formed request', () => {
    expect(parseRequest({ type: 'clip:extract', tabId: 3, mode: 'article' })).not.toBeNull();
    expect(parseRequest({ type: 'article:find', urls: ['https://a.example/'] })).not.toBeNull();
    expect(
      parseRequest({ type: 'article:save', article: sampleClip(), tags: ['x'] }),
    ).not.toBeNull();
    expect(parseRequest({ type: 'highlight:delete', id: 'h1' })).not.toBeNull();
    expect(parseRequest({ type: 'tags:list' })).not.toBeNull();
  });

  it.each([
    ['an unknown type', { type: 'article:delete-all' }],
    ['a removed type', { type: 'article:export', article: sampleClip(), tags: [] }],
    ['a page request', { type: 'page:highlights', canonicalUrl: 'https://a.example/' }],
    [
      'a highlight without selectors',
      {
        type: 'highlight:create',
        articleId: 'a',
        quote: 'q',
        note: '',
        color: 'yellow',
        articleSelectors: [],
      },
    ],
    ['no type', { tabId: 1 }],
    ['a string', 'clip:extract'],
    ['null', null],
    ['a negative tab id', { type: 'clip:extract', tabId: -1, mode: 'article' }],
    ['an unknown mode', { type: 'clip:extract', tabId: 1, mode: 'everything' }],
    ['tags that are not strings', { type: 'article:save', article: sampleClip(), tags: [1] }],
    [
      'an article without html',
      { type: 'article:save', article: { ...sampleClip(), html: undefined }, tags: [] },
    ],
    [
      'a non-integer word count',
      { type: 'article:save', article: { ...sampleClip(), wordCount: 1.5 }, tags: [] },
    ],
  ])('rejects %s', (_name, message) => {
    expect(parseRequest(message)).toBeNull();
  });
});

describe('isExtensionPageSender', () => {
  const id = 'abcdefghijklmnop';
  const origin = `chrome-extension://${id}/`;

  it('trusts our own extension pages', () => {
    expect(isExtensionPageSender({ id, url: `${origin}popup.html?tabId=4` }, id, origin)).toBe(
      true,
    );
  });

  it.each([
    ['a content script on a web page', { id, url: 'https://evil.example/page', tab: {} }],
    ['another extension', { id: 'zzzz', url: 'chrome-extension://zzzz/popup.html' }],
    ['a sender without URL', { id }],
    ['a look-alike origin', { id, url: `chrome-extension://${id}x/popup.html` }],
  ])('rejects %s', (_name, sender) => {
    expect(isExtensionPageSender(sender, id, origin)).toBe(false);
  });
});

describe('content-script requests', () => {
  it('accepts only page requests from a page', () => {
    const quote = { type: 'TextQuoteSelector', exact: 'a', prefix: '', suffix: '' };
    expect(
      parsePageRequest({ type: 'page:highlights', canonicalUrl: 'https://a.example/' }),
    ).not.toBeNull();
    expect(
      parsePageRequest({
        type: 'page:highlight-create',
        canonicalUrl: '',
        quote: 'a',
        pageSelectors: [quote],
        color: 'yellow',
      }),
    ).not.toBeNull();
    expect(parsePageRequest({ type: 'tags:list' })).toBeNull();
    expect(parsePageRequest({ type: 'highlight:delete', id: 'x' })).toBeNull();
    expect(
      parsePageRequest({
        type: 'page:highlight-create',
        canonicalUrl: '',
        quote: 'a',
        pageSelectors: [quote],
        color: 'red',
      }),
    ).toBeNull();
  });

  it('knows our content script from pages and other extensions', () => {
    expect(isContentScriptSender({ id: 'me', url: 'https://news.example/a', tab: {} }, 'me')).toBe(
      true,
    );
    expect(isContentScriptSender({ id: 'me', url: 'https://news.example/a' }, 'me')).toBe(false);
    expect(
      isContentScriptSender({ id: 'other', url: 'https://news.example/a', tab: {} }, 'me'),
    ).toBe(false);
    expect(
      isContentScriptSender({ id: 'me', url: 'chrome-extension://me/popup.html', tab: {} }, 'me'),
    ).toBe(false);
  });
});
