/**
 * Readability.js with some helpers made fast under jsdom, same article out:
 * - `_getAllNodesWithTag` (a selector list like "img,picture,figure", called dozens of times per
 *   page) walks the tree instead of running the selector engine: same elements, same order.
 * - `_grabArticle` parses the page back once for its retries (it tries again with fewer rules
 *   when it finds too little, up to three times), not before each: Readability saves `innerHTML`
 *   and parses it back before every retry and once more after the last, when nothing reads the
 *   page again. Parsing was a third of Readability's time on the pages that retry.
 * - `_isValidByline` reads an element's text only when its name says byline, and
 *   `_isProbablyVisible` reads its style only when it has a style attribute; `_getLinkDensity`
 *   walks to the links instead of asking for a live collection.
 * Browsers lose nothing by either.
 */

import { Readability } from '@mozilla/readability';
import { elementsWhere } from './element-walk';

function nodesWithTags(root: Element | Document, tagNames: readonly string[]): Element[] {
  const wanted = new Set(tagNames.map((name) => name.toLowerCase()));
  return elementsWhere(root, (element) => wanted.has(element.localName));
}

/** The parts of Readability's internals these helpers use. */
interface ReadabilityInternals {
  _doc: Document;
  _flags: number;
  FLAG_STRIP_UNLIKELYS: number;
  FLAG_WEIGHT_CLASSES: number;
  FLAG_CLEAN_CONDITIONALLY: number;
  _getAllNodesWithTag: (node: Element | Document, tagNames: string[]) => Element[];
  _grabArticle: (page?: Element | null) => Element | null;
  _isValidByline: (node: Element, matchString: string) => boolean;
  _isProbablyVisible: (node: Element) => boolean;
  _getLinkDensity: (element: Element) => number;
  _getInnerText: (element: Element, normalizeSpaces?: boolean) => string;
  REGEXPS: { byline: RegExp; hashUrl: RegExp };
}

interface Accessor {
  get: (this: Element) => string;
  set: (this: Element, value: string) => void;
}

/** The element's own `innerHTML` accessor (a page's prototypes are its window's, not ours). */
function innerHtml(element: Element): Accessor {
  for (let proto = Object.getPrototypeOf(element) as object | null; proto;) {
    const descriptor = Object.getOwnPropertyDescriptor(proto, 'innerHTML');
    if (descriptor?.get && descriptor.set) return descriptor as Accessor;
    proto = Object.getPrototypeOf(proto) as object | null;
  }
  throw new Error('No innerHTML accessor');
}

/**
 * Runs `grab` with Readability's saved page restored cheaply: the first restore parses the saved
 * HTML as Readability does and keeps a copy of the nodes it made, later restores put in a clone
 * of that copy (the copy itself for the last retry) and a restore after the last retry is
 * skipped. Same nodes as parsing again, without the parsing.
 */
function withNodeCache<T>(
  page: Element,
  lastRetry: () => boolean,
  finished: () => boolean,
  grab: () => T,
): T {
  const own = innerHtml(page);
  let saved: string | null = null;
  let parsed: Element | null = null;
  Object.defineProperty(page, 'innerHTML', {
    configurable: true,
    get: () => (saved = own.get.call(page)),
    set: (value: string) => {
      if (value !== saved) {
        own.set.call(page, value);
        return;
      }
      if (finished()) return;
      if (!parsed) {
        own.set.call(page, value);
        if (!lastRetry()) parsed = page.cloneNode(true) as Element;
        return;
      }
      const fresh = lastRetry() ? parsed : (parsed.cloneNode(true) as Element);
      page.replaceChildren(...fresh.childNodes);
    },
  });
  try {
    return grab();
  } finally {
    delete (page as { innerHTML?: string }).innerHTML;
  }
}

export class FastReadability<T = string> extends Readability<T> {}

const prototype = FastReadability.prototype as unknown as ReadabilityInternals;
const grabArticle = prototype._grabArticle;

prototype._getAllNodesWithTag = (node, tagNames) => nodesWithTags(node, tagNames);

// Readability reads every element's text to check its length before it checks whether the
// element is named as a byline at all; the same test, the text read only for bylines.
prototype._isValidByline = function (this: ReadabilityInternals, node, matchString) {
  const itemprop = node.getAttribute('itemprop');
  if (
    node.getAttribute('rel') !== 'author' &&
    !itemprop?.includes('author') &&
    !this.REGEXPS.byline.test(matchString)
  )
    return false;
  const length = (node.textContent ?? '').trim().length;
  return length > 0 && length < 100;
};

// Readability asks every element for its `style` object; jsdom builds one (parsing the style
// attribute) on first access. An element without a style attribute has no display or visibility.
prototype._isProbablyVisible = (node) => {
  if (node.hasAttribute('style')) {
    const style = (node as Partial<ElementCSSInlineStyle>).style;
    if (style && (style.display === 'none' || style.visibility === 'hidden')) return false;
  }
  if (node.hasAttribute('hidden')) return false;
  if (node.getAttribute('aria-hidden') !== 'true') return true;
  // An SVG element's `className` is an object without `includes`.
  const className: unknown = node.className;
  return typeof className === 'string' && className.includes('fallback-image');
};

// Readability's sum over `getElementsByTagName("a")`, a live collection jsdom builds anew on
// every call (for every candidate block) and reads by index; the same links, walked.
prototype._getLinkDensity = function (this: ReadabilityInternals, element) {
  const textLength = this._getInnerText(element).length;
  if (textLength === 0) return 0;
  let linkLength = 0;
  for (const link of elementsWhere(element, (inner) => inner.localName === 'a')) {
    const href = link.getAttribute('href');
    const coefficient = href && this.REGEXPS.hashUrl.test(href) ? 0.3 : 1;
    linkLength += this._getInnerText(link).length * coefficient;
  }
  return linkLength / textLength;
};

prototype._grabArticle = function (this: ReadabilityInternals, page?: Element | null) {
  const root = page ?? this._doc.body;
  if (!root) return grabArticle.call(this, page);
  // Readability restores the page, then drops one rule (strip unlikely, weight classes, clean
  // conditionally, in that order). With only the last left, the retry coming is the last one;
  // with none left, it restores a page nobody reads again and returns its best attempt.
  const rules = () =>
    this._flags &
    (this.FLAG_STRIP_UNLIKELYS | this.FLAG_WEIGHT_CLASSES | this.FLAG_CLEAN_CONDITIONALLY);
  return withNodeCache(
    root,
    () => {
      const left = rules();
      return left !== 0 && (left & (left - 1)) === 0;
    },
    () => rules() === 0,
    () => grabArticle.call(this, page),
  );
};
