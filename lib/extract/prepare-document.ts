/** Clean-up on the cloned document before Readability reads it. */

const LAZY_SOURCE_ATTRIBUTES = [
  'data-src',
  'data-original',
  'data-lazy-src',
  'data-actualsrc',
  'data-url',
];
const PLACEHOLDER_SRC =
  /^(data:|about:blank)|(blank|spacer|placeholder|loading|lazy)\.(gif|png|svg)/i;

/** Lazy images keep their real URL in a data attribute until scrolled into view. */
function restoreLazyImages(doc: Document): void {
  for (const image of [...doc.getElementsByTagName('img')]) {
    const current = image.getAttribute('src') ?? '';
    if (current && !PLACEHOLDER_SRC.test(current)) continue;
    const lazy = LAZY_SOURCE_ATTRIBUTES.map((name) => image.getAttribute(name)).find(Boolean);
    if (lazy) image.setAttribute('src', lazy);
    else {
      const firstSrcset = (image.getAttribute('data-srcset') ?? image.getAttribute('srcset') ?? '')
        .split(',')[0]
        ?.trim()
        .split(/\s+/)[0];
      if (firstSrcset) image.setAttribute('src', firstSrcset);
    }
  }
}

/** The reading copy, before Readability reads it (hidden parts and clutter were never copied). */
export function prepareDocument(doc: Document): void {
  restoreLazyImages(doc);
}
