/**
 * The image a reader actually sees: the lazy-loaded source behind a placeholder, or the best
 * `srcset` / `<picture>` candidate for a 2× screen. Runs where the article's DOM is (the tab, jsdom).
 */

const LAZY_SOURCE_ATTRIBUTES = [
  'data-src',
  'data-original',
  'data-lazy-src',
  'data-actualsrc',
  'data-url',
];
const LAZY_SRCSET_ATTRIBUTES = ['data-srcset', 'data-lazy-srcset', 'srcset'];
const PLACEHOLDER_SRC =
  /^(data:|about:blank)|(blank|spacer|placeholder|loading|lazy|transparent|pixel)\.(gif|png|svg)/i;
/** The screen we pick for: what a reader on a 2× display downloads. */
const TARGET_DENSITY = 2;
/** Width assumed for an image that gives none (an article column). */
const DEFAULT_CSS_WIDTH = 720;

export interface SrcsetCandidate {
  url: string;
  /** `640w` → width 640; `2x` → density 2; neither → density 1. */
  width: number | null;
  density: number;
}

/** `a.jpg 1x, b.jpg 2x` / `a.jpg 640w, b.jpg 1280w` → candidates (URLs may contain commas only when escaped). */
export function parseSrcset(srcset: string): SrcsetCandidate[] {
  const candidates: SrcsetCandidate[] = [];
  for (const part of srcset.split(/,\s+|,(?=\S+\s+\d)/)) {
    const [url, descriptor = ''] = part.trim().split(/\s+/);
    if (!url) continue;
    const width = /^(\d+)w$/i.exec(descriptor);
    const density = /^(\d*\.?\d+)x$/i.exec(descriptor);
    candidates.push({
      url,
      width: width ? Number(width[1]) : null,
      density: density ? Number(density[1]) : 1,
    });
  }
  return candidates;
}

/**
 * The smallest candidate that is sharp on a 2× screen, else the largest there is. Width
 * descriptors are compared with the image's CSS width (its `width` attribute or a column) × 2.
 */
export function bestSrcsetCandidate(srcset: string, cssWidth?: number): string | null {
  const candidates = parseSrcset(srcset).filter((c) => !PLACEHOLDER_SRC.test(c.url));
  if (!candidates.length) return null;
  const byWidth = candidates.flatMap((c) => (c.width === null ? [] : [{ ...c, width: c.width }]));
  if (byWidth.length) {
    const needed = (cssWidth || DEFAULT_CSS_WIDTH) * TARGET_DENSITY;
    const sorted = byWidth.sort((a, b) => a.width - b.width);
    return (sorted.find((c) => c.width >= needed) ?? sorted.at(-1))?.url ?? null;
  }
  const sorted = candidates.sort((a, b) => a.density - b.density);
  return (sorted.find((c) => c.density >= TARGET_DENSITY) ?? sorted.at(-1))?.url ?? null;
}

function cssWidthOf(image: Element): number | undefined {
  const width = Number(image.getAttribute('width'));
  return Number.isFinite(width) && width > 0 ? width : undefined;
}

/** Formats a `<source type>` names that every browser we ship for shows. */
const SHOWN_TYPES = /^image\/(jpeg|png|gif|webp|avif|svg\+xml)$/i;

/** The `srcset` of the first `<source>` of the image's `<picture>` the browser would use. */
function pictureSrcset(image: Element): string | null {
  const picture = image.parentElement;
  if (picture?.tagName !== 'PICTURE') return null;
  for (const source of picture.querySelectorAll('source')) {
    const type = source.getAttribute('type');
    if (type && !SHOWN_TYPES.test(type)) continue;
    const media = source.getAttribute('media');
    // A source for narrow screens only is not the one a desktop reader sees.
    if (media && /max-width/i.test(media)) continue;
    const srcset = source.getAttribute('data-srcset') ?? source.getAttribute('srcset');
    if (srcset) return srcset;
  }
  return null;
}

/** The URL the reader sees for `image`, as written in the page (relative or not), or null. */
export function chooseImageSource(image: Element): string | null {
  const width = cssWidthOf(image);
  const fromPicture = pictureSrcset(image);
  if (fromPicture) {
    const best = bestSrcsetCandidate(fromPicture, width);
    if (best) return best;
  }
  for (const name of LAZY_SRCSET_ATTRIBUTES) {
    const srcset = image.getAttribute(name);
    const best = srcset ? bestSrcsetCandidate(srcset, width) : null;
    if (best) return best;
  }
  const current = image.getAttribute('src')?.trim() ?? '';
  const lazy = LAZY_SOURCE_ATTRIBUTES.map((name) => image.getAttribute(name)?.trim()).find(
    (value) => value && !PLACEHOLDER_SRC.test(value),
  );
  if (lazy && (!current || PLACEHOLDER_SRC.test(current))) return lazy;
  if (current && !PLACEHOLDER_SRC.test(current)) return current;
  // An inline picture that is not a placeholder (a real data: image with no other source).
  if (/^data:image\//i.test(current) && current.length > 200) return current;
  return lazy ?? null;
}
