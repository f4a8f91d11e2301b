/** Links and images made absolute against the page URL, and script URLs removed, before conversion. */

const SAFE_LINK_SCHEMES = new Set(['http:', 'https:', 'mailto:', 'ftp:']);
const SAFE_IMAGE_SCHEMES = new Set(['http:', 'https:']);

export function resolveUrl(value: string, baseUrl: string, allowed: Set<string>): string | null {
  const trimmed = value.trim();
  if (!trimmed) return null;
  if (trimmed.startsWith('#')) return trimmed;
  try {
    const url = new URL(trimmed, baseUrl);
    return allowed.has(url.protocol) ? url.toString() : null;
  } catch {
    return null;
  }
}

export function makeUrlsAbsolute(root: Element | Document, baseUrl: string): void {
  // By tag name, copied first (images are removed on the way): jsdom's selector engine is slow.
  for (const link of [...root.getElementsByTagName('a')]) {
    if (!link.hasAttribute('href')) continue;
    const href = resolveUrl(link.getAttribute('href') ?? '', baseUrl, SAFE_LINK_SCHEMES);
    if (href) link.setAttribute('href', href);
    else link.removeAttribute('href');
  }
  for (const image of [...root.getElementsByTagName('img')]) {
    const src = resolveUrl(image.getAttribute('src') ?? '', baseUrl, SAFE_IMAGE_SCHEMES);
    if (src) image.setAttribute('src', src);
    else image.remove();
  }
}
