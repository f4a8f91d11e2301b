import { describe, expect, it } from 'vitest';
import { routeMessage } from '@/lib/messaging/router';

const ID = 'ourextensionid';
const ORIGIN = `chrome-extension://${ID}/`;
const popup = { id: ID, url: `${ORIGIN}popup.html` };
const contentScript = {
  id: ID,
  url: 'https://news.example/story',
  tab: { id: 4, url: 'https://news.example/story' },
};
const quote = { type: 'TextQuoteSelector', exact: 'a', prefix: '', suffix: '' };

describe('routeMessage: who may ask what', () => {
  it('lets our pages ask for library work', () => {
    expect(routeMessage({ type: 'highlight:delete', id: 'h' }, popup, ID, ORIGIN).kind).toBe(
      'extension-page',
    );
  });

  it.each([
    ['delete a highlight', { type: 'highlight:delete', id: 'h' }],
    ['save an article', { type: 'article:save', article: {}, tags: [] }],
    ['list tags', { type: 'tags:list' }],
    ['extract another tab', { type: 'clip:extract', tabId: 1, mode: 'article' }],
    ['restore a highlight', { type: 'highlight:restore', highlight: {} }],
  ])('refuses a content script that asks to %s', (_name, message) => {
    expect(routeMessage(message, contentScript, ID, ORIGIN).kind).toBe('malformed');
  });

  it('lets a content script ask about its own page, with the URL the browser reports', () => {
    const route = routeMessage(
      {
        type: 'page:highlight-create',
        canonicalUrl: 'https://x/',
        quote: 'a',
        pageSelectors: [quote],
        color: 'yellow',
      },
      contentScript,
      ID,
      ORIGIN,
    );
    expect(route).toMatchObject({
      kind: 'content-script',
      sender: { tabId: 4, url: 'https://news.example/story' },
    });
  });

  it('does not answer other extensions or unknown senders', () => {
    expect(
      routeMessage(
        { type: 'tags:list' },
        { id: 'someone-else', url: 'chrome-extension://someone-else/x.html' },
        ID,
        ORIGIN,
      ).kind,
    ).toBe('ignored');
    expect(
      routeMessage(
        { type: 'page:highlights', canonicalUrl: '' },
        { id: ID, url: 'https://news.example/' },
        ID,
        ORIGIN,
      ).kind,
    ).toBe('ignored');
  });

  it('answers a malformed message from our page with an error', () => {
    expect(routeMessage({ type: 'tags:list', extra: { deep: 1 } }, popup, ID, ORIGIN).kind).toBe(
      'extension-page',
    );
    expect(routeMessage({ type: 'nope' }, popup, ID, ORIGIN).kind).toBe('malformed');
    expect(routeMessage(42, popup, ID, ORIGIN).kind).toBe('malformed');
  });
});
