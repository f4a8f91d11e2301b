/**
 * The extractor runs in a tab, where `window`, `DOMParser` and DOMPurify's DOM are the page's.
 * Under Node it gets the same from one jsdom window. Call before importing the extractor
 * (DOMPurify binds to `window` when its module loads).
 */

import { JSDOM } from 'jsdom';

export function installDomGlobals(): void {
  const scope = globalThis as Record<string, unknown>;
  if (scope['window']) return;
  const { window } = new JSDOM('<!doctype html><html><head></head><body></body></html>', {
    url: 'https://example.com/',
  });
  scope['window'] = window;
  for (const key of [
    'document',
    'DOMParser',
    'Node',
    'NodeFilter',
    'Element',
    'HTMLElement',
    'Document',
    'DocumentFragment',
    'XMLSerializer',
  ]) {
    if (!(key in scope)) scope[key] = (window as unknown as Record<string, unknown>)[key];
  }
}
