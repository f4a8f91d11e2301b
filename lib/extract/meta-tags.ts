/** Reading `<meta>` tags, which pages key by `name`, `property` or `itemprop` inconsistently. */

import { memo } from './doc-memo';

const KEY_ATTRIBUTES = ['property', 'name', 'itemprop', 'http-equiv'] as const;

/** Every meta tag's content under each of its (lowercased) keys, in document order. */
function metaIndex(doc: Document): Map<string, string[]> {
  return memo(doc, 'meta-index', () => {
    const index = new Map<string, string[]>();
    // By tag name: jsdom (the eval) matches attribute selectors slowly; browsers do either fast.
    for (const meta of [...doc.getElementsByTagName('meta')]) {
      const content = meta.getAttribute('content')?.trim();
      if (!content) continue;
      const keys = new Set<string>();
      for (const attribute of KEY_ATTRIBUTES) {
        const key = meta.getAttribute(attribute)?.trim().toLowerCase();
        if (key) keys.add(key);
      }
      for (const key of keys) {
        const values = index.get(key);
        if (values) values.push(content);
        else index.set(key, [content]);
      }
    }
    return index;
  });
}

/** The content of every meta tag whose name/property/itemprop/http-equiv is `key` (case-insensitive). */
export function metaContents(doc: Document, key: string): string[] {
  return [...(metaIndex(doc).get(key.toLowerCase()) ?? [])];
}

/** The first non-empty content among the keys, tried in the given order (the order is the priority). */
export function metaContent(doc: Document, ...keys: string[]): string | null {
  for (const key of keys) {
    const value = metaContents(doc, key)[0];
    if (value) return value;
  }
  return null;
}
