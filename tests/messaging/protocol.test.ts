import { describe, expect, it } from 'vitest';
import { parseRequest } from '@/lib/messaging/protocol';
import { isExtensionPageSender } from '@/lib/messaging/sender';
import { sampleClip } from '../support/article';

describe('parseRequest', () => {
  it('accepts each well-formed request', () => {
    expect(parseRequest({ type: 'clip:extract', tabId: 3, mode: 'article' })).not.toBeNull();
    expect(parseRequest({ type: 'article:find', urls: ['https://a.example/'] })).not.toBeNull();
    expect(
      parseRequest({ type: 'article:save', article: sampleClip(), tags: ['x'] }),
    ).not.toBeNull();
    expect(
      parseRequest({ type: 'article:export', article: sampleClip(), tags: [] }),
    ).not.toBeNull();
    expect(parseRequest({ type: 'tags:list' })).not.toBeNull();
  });

  it.each([
    ['an unknown type', { type: 'article:delete-all' }],
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
