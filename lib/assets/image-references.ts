/**
 * The images of a stored article worth keeping, read from its HTML as a string: the background
 * (a service worker) has no DOM. The HTML was serialised by a browser after DOMPurify, so every
 * attribute is double-quoted with `"` and `&` escaped.
 */

export interface ImageReference {
  /** The image's absolute URL (or `data:` URL) as stored in the article HTML. */
  url: string;
  alt: string;
}

const IMG_TAG = /<img\b(?:[^>"]|"[^"]*")*>/gi;
const ATTRIBUTE = /([^\s"'>/=]+)\s*=\s*"([^"]*)"/g;
const ICON_HINT = /(^|[-_/\s])(icon|emoji|avatar|logo|badge|spinner)s?([-_.\s]|$)/i;
/** Shown at 32 CSS pixels or less on both sides: an icon, not a picture of the article. */
const ICON_SIZE = 32;

const ENTITIES: Record<string, string> = { amp: '&', quot: '"', lt: '<', gt: '>', nbsp: '\u00a0' };

function decodeEntities(value: string): string {
  return value.replace(/&(#x[\da-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code =
        name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : +name.slice(1);
      return Number.isFinite(code) ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/** The attributes of each `<img>` of the HTML, in order. */
export function imageTags(html: string): Array<Map<string, string>> {
  return [...html.matchAll(IMG_TAG)].map(
    (tag) =>
      new Map(
        [...tag[0].matchAll(ATTRIBUTE)].map(
          ([, name = '', value = '']) => [name.toLowerCase(), decodeEntities(value)] as const,
        ),
      ),
  );
}

function isIcon(attributes: Map<string, string>, url: string): boolean {
  const width = Number.parseFloat(attributes.get('width') ?? '');
  const height = Number.parseFloat(attributes.get('height') ?? '');
  if (width <= ICON_SIZE && height <= ICON_SIZE) return true;
  const path = url.startsWith('data:') ? '' : new URL(url).pathname;
  return ICON_HINT.test(attributes.get('class') ?? '') || ICON_HINT.test(path);
}

/** The images of a stored article worth keeping, once each, in reading order. */
export function imagesToKeep(html: string): ImageReference[] {
  const seen = new Set<string>();
  const images: ImageReference[] = [];
  for (const attributes of imageTags(html)) {
    const url = attributes.get('src') ?? '';
    if (seen.has(url) || !/^(https?:|data:image\/)/i.test(url) || isIcon(attributes, url)) continue;
    seen.add(url);
    images.push({ url, alt: attributes.get('alt')?.trim() ?? '' });
  }
  return images;
}
