/**
 * The article's images settled before it is stored: each `<img>` gets the absolute URL the reader
 * sees (lazy and responsive sources resolved), and tracking pixels and ad images are dropped.
 */
import { chooseImageSource } from './image-source';

/** Hosts and paths of ad servers and trackers: their images are never content. */
const AD_OR_TRACKER =
  /(^|\.)(doubleclick\.net|googlesyndication\.com|google-analytics\.com|googletagmanager\.com|googleadservices\.com|scorecardresearch\.com|quantserve\.com|adnxs\.com|criteo\.(com|net)|taboola\.com|outbrain\.com|hm\.baidu\.com|cnzz\.com|mediav\.com|tanx\.com)$/i;
const AD_PATH = /\/(ads?|adserver|beacon|pixel|track(ing)?)\//i;
/** 1×1 and 2×2 images are tracking pixels or spacers. */
const PIXEL_SIZE = 2;

function size(image: Element, name: 'width' | 'height'): number | null {
  const value = Number.parseFloat(image.getAttribute(name) ?? '');
  return Number.isFinite(value) ? value : null;
}

function absolute(url: string, baseUrl: string): string | null {
  if (/^data:image\//i.test(url)) return url;
  try {
    const resolved = new URL(url, baseUrl);
    return resolved.protocol === 'http:' || resolved.protocol === 'https:'
      ? resolved.toString()
      : null;
  } catch {
    return null;
  }
}

function isAdOrTracker(url: string): boolean {
  if (url.startsWith('data:')) return false;
  const parsed = new URL(url);
  return AD_OR_TRACKER.test(parsed.hostname) || AD_PATH.test(parsed.pathname);
}

function isPixel(image: Element): boolean {
  const width = size(image, 'width');
  const height = size(image, 'height');
  return (width !== null && width <= PIXEL_SIZE) || (height !== null && height <= PIXEL_SIZE);
}

/**
 * Rewrites the images of `root` in place: `src` is the absolute URL the reader sees, responsive
 * and lazy attributes go (they would load other files than the one kept), `<picture>` becomes its
 * `<img>`; pixels, ads, trackers and images without a usable source are removed.
 */
export function settleArticleImages(root: Element, baseUrl: string): void {
  for (const image of [...root.getElementsByTagName('img')]) {
    const chosen = chooseImageSource(image);
    const src = chosen ? absolute(chosen, baseUrl) : null;
    const picture = image.parentElement?.tagName === 'PICTURE' ? image.parentElement : null;
    if (!src || isPixel(image) || isAdOrTracker(src)) {
      (picture ?? image).remove();
      continue;
    }
    image.setAttribute('src', src);
    for (const name of [...image.getAttributeNames()]) {
      if (name === 'srcset' || name === 'sizes' || /^data-.*(src|original|url)/i.test(name))
        image.removeAttribute(name);
    }
    picture?.replaceWith(image);
  }
}
