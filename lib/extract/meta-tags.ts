/** Reading `<meta>` tags, which pages key by `name`, `property` or `itemprop` inconsistently. */

const KEY_ATTRIBUTES = ['property', 'name', 'itemprop', 'http-equiv'] as const;

/** The content of every meta tag whose name/property/itemprop/http-equiv is `key` (case-insensitive). */
export function metaContents(doc: Document, key: string): string[] {
  const wanted = key.toLowerCase();
  const values: string[] = [];
  for (const meta of doc.querySelectorAll('meta')) {
    const matches = KEY_ATTRIBUTES.some(
      (attribute) => meta.getAttribute(attribute)?.trim().toLowerCase() === wanted,
    );
    const content = meta.getAttribute('content')?.trim();
    if (matches && content) values.push(content);
  }
  return values;
}

/** The first non-empty content among the keys, tried in the given order (the order is the priority). */
export function metaContent(doc: Document, ...keys: string[]): string | null {
  for (const key of keys) {
    const value = metaContents(doc, key)[0];
    if (value) return value;
  }
  return null;
}
