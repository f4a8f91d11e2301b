/**
 * The page's own address: its canonical link, else og:url, else the tab's URL without tracking
 * parameters. Apart from the rest of the metadata so the page highlighter, injected into every page
 * for revisit painting, does not carry the date parser.
 */
import { metaContent } from './meta-tags';
import { stripTrackingParams } from '../url';

/** An absolute http(s) URL, or null (`javascript:`, `data:`, unparsable…). */
export function httpUrl(value: string | null | undefined, base: string): string | null {
  const text = value?.trim();
  if (!text) return null;
  try {
    const url = new URL(text, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : null;
  } catch {
    return null;
  }
}

export function readCanonicalUrl(doc: Document, tabUrl: string): string {
  const links = [...doc.getElementsByTagName('link')].filter(
    (link) =>
      link.hasAttribute('href') &&
      (link.getAttribute('rel') ?? '').toLowerCase().split(/\s+/).includes('canonical'),
  );
  for (const candidate of [
    ...links.map((l) => l.getAttribute('href')),
    metaContent(doc, 'og:url'),
  ]) {
    const url = httpUrl(candidate, tabUrl);
    if (url) return url;
  }
  return stripTrackingParams(tabUrl);
}
