/**
 * The copy of the page that Readability (which rewrites what it reads) gets: a new document with
 * the page's title and base URL, and the body without what is never the article — scripts,
 * styles, frames, form controls, navigation, hidden elements, known clutter (share bars, related
 * lists, comments, ads…) and the site rule's clutter. Skipped parts are never copied, which is
 * what makes the copy cheap: copying a DOM node costs far more than looking at it.
 */

import { hasToken, nextElement, someElement } from './element-walk';
import { isUsableSelector } from './site-rules';

/**
 * Elements that never hold article text. Frames, embeds and form controls stay: Readability
 * counts them when it judges a block (a video box, a sign-up form) and drops the block with them.
 */
const NEVER_CONTENT = new Set([
  'SCRIPT',
  'STYLE',
  'TEMPLATE',
  'LINK',
  'META',
  'FRAMESET',
  'CANVAS',
  'OPTION',
  'OPTGROUP',
  'DATALIST',
  'NAV',
  'ASIDE',
  'FOOTER',
  'DIALOG',
  'svg',
  'SVG',
  'math',
  'MATH',
]);

/**
 * Class or id tokens of clutter blocks, matched against whole tokens (`share-bar`, not
 * `shared-content`). Kept narrow on purpose: this runs before anything knows where the story is.
 */
const CLUTTER_TOKEN = new RegExp(
  [
    // share and follow bars (bdshare / jiathis are the Chinese share widgets)
    String.raw`(?:social[-_]?)?(?:share|sharing)(?:[-_]?(?:bar|box|buttons?|btns?|tools?|links?|icons?|wrap(?:per)?|container|area|panel|list|menu|this))?`,
    String.raw`social(?:[-_]?(?:links?|icons?|media|buttons?|bar|follow))?`,
    String.raw`bdshare(?:buttonbox)?|bdsharebuttonbox|jiathis(?:_style.*)?|addthis(?:_.*)?|sharethis.*`,
    String.raw`follow[-_]?us`,
    // related and recommended lists
    String.raw`(?:jp[-_]|yarpp[-_])?related(?:[-_]?(?:posts?|articles?|news|stories|links?|content|reading|items?|list|box|wrap(?:per)?))?`,
    String.raw`relatedposts|recommend(?:ed|ation)?s?(?:[-_]?(?:posts?|articles?|news|list|box))?`,
    String.raw`more[-_](?:stories|articles|news)|read[-_]?next(?:[-_]?(?:box|list|links?|section))?`,
    // comment sections
    String.raw`comments?(?:[-_]?(?:area|list|section|wrap(?:per)?|box|container|form|respond))?|disqus_thread|respond`,
    // ads
    String.raw`ads?|advert(?:isement|ising)?s?|ad[-_]?(?:slot|container|wrap(?:per)?|box|banner|unit|block|zone)|adsbygoogle|dfp[-_]?ad|google[-_]?ads?|sponsored(?:[-_]content)?`,
    // sign-up boxes, cookie and consent banners, pop-ups
    String.raw`newsletter(?:[-_]?(?:signup|form|box|wrap(?:per)?|container|promo))?|subscribe(?:[-_]?(?:box|form|wrap(?:per)?|banner|cta))?`,
    String.raw`cookie(?:[-_]?(?:banner|consent|notice|bar|policy))?|gdpr(?:[-_].*)?|consent(?:[-_]?banner)?`,
    String.raw`popup|modal|overlay|lightbox|[a-z0-9]+[-_](?:modal|popup)|(?:modal|popup)[-_](?:dialog|content|wrap(?:per)?|container|window|box|body|inner)`,
    String.raw`breadcrumbs?|bread[-_]?nav|crumbs?`,
    String.raw`qrcode|qr[-_]?code|erweima`,
    // text for screen readers only, invisible on the page
    String.raw`sr[-_]only|screen[-_]?reader[-_]?(?:text|only)|visually[-_]?hidden|off[-_]?screen|a11y[-_]hidden|assistive[-_]text|element[-_]invisible`,
  ].join('|'),
  'i',
);
const CLUTTER_TOKEN_EXACT = new RegExp(`^(?:${CLUTTER_TOKEN.source})$`, 'i');

/** `NodeFilter.SHOW_TEXT`, spelled out: the global is missing when jsdom runs outside a window. */
const SHOW_TEXT = 0x4;

/** What `elementsToSkip` found: elements to leave out, and hidden ones kept (shown) after all. */
export interface SkipLists {
  skip: Set<Element>;
  unhide: Set<Element>;
}

/** A CSS declaration that hides what it applies to. */
const HIDING = /display\s*:\s*none|visibility\s*:\s*hidden/i;
const HIDING_ALL = new RegExp(HIDING.source, 'gi');

function hasHiddenStyle(element: Element): boolean {
  return HIDING.test(element.getAttribute('style') ?? '');
}

/** Hidden by its own markup: the `hidden` attribute or an inline style. */
function hiddenInline(element: Element): boolean {
  return element.hasAttribute('hidden') || hasHiddenStyle(element);
}

/** Landmarks that are never the article (Readability drops them too, in its first pass). */
const NEVER_CONTENT_ROLES = new Set([
  'navigation',
  'menu',
  'menubar',
  'complementary',
  'contentinfo',
  'search',
  'alert',
  'alertdialog',
  'dialog',
]);

/**
 * Class names the page's own style sheets hide (`.Nys842 { display:none }`): Chinese portals
 * sprinkle hidden watermarks ("加拿大家园,www.iask.ca") through the story against copying. Simple
 * class selectors only; read from the `<style>` text, which works in the tab and under jsdom alike.
 */
function classesHiddenByStyleSheets(doc: Document): Set<string> {
  const names = new Set<string>();
  for (const style of [...doc.getElementsByTagName('style')]) {
    const css = style.textContent ?? '';
    // From each hiding declaration back to its rule's selector: pages ship large style sheets
    // with few hiding rules, and reading every rule cost more than the rest of the preparation.
    for (const hiding of css.matchAll(HIDING_ALL)) {
      const open = css.lastIndexOf('{', hiding.index);
      if (open < 0 || css.lastIndexOf('}', hiding.index) > open) continue;
      const start = Math.max(css.lastIndexOf('}', open), css.lastIndexOf('{', open - 1)) + 1;
      for (const selector of css.slice(start, open).split(',')) {
        const simple = /^\s*\.([\w-]+)\s*$/.exec(selector);
        if (simple?.[1]) names.add(simple[1]);
      }
    }
  }
  return names;
}

/** A site's name set in white (`<font color="#FFFFFF">iask.ca</font>`): a watermark nobody sees. */
function isWhiteWatermark(element: Element): boolean {
  if (element.tagName !== 'FONT' && element.tagName !== 'SPAN') return false;
  const color = (
    element.getAttribute('color') ??
    /(?:^|;)\s*color\s*:\s*([^;]+)/i.exec(element.getAttribute('style') ?? '')?.[1] ??
    ''
  )
    .trim()
    .toLowerCase();
  if (!/^(?:#fff(?:fff)?|white|rgb\(\s*255\s*,\s*255\s*,\s*255\s*\))$/.test(color)) return false;
  // Only a site's name or address: white text can also sit on a dark table cell, and be read.
  const text = (element.textContent ?? '').replace(/\s+/g, '');
  return (
    text.length <= 40 &&
    (/[a-z0-9-]\.(?:com|cn|net|org|ca|hk|tw|cc|info|co|uk|us|au)\b/i.test(text) || /网$/.test(text))
  );
}

function isHidden(element: Element, hiddenClasses: ReadonlySet<string>): boolean {
  if (hiddenInline(element)) return true;
  if (hiddenClasses.size && element.classList.length) {
    for (const name of element.classList) if (hiddenClasses.has(name)) return true;
  }
  if (isWhiteWatermark(element)) return true;
  if (element.getAttribute('aria-hidden') === 'true') {
    const className = element.getAttribute('class') ?? '';
    return !className.includes('fallback-image') && !element.querySelector('img');
  }
  return element.getAttribute('role') === 'dialog' && element.getAttribute('aria-modal') === 'true';
}

function hasClutterName(element: Element): boolean {
  const tokens = `${element.getAttribute('class') ?? ''} ${element.id}`.split(/\s+/);
  return tokens.some((token) => token && CLUTTER_TOKEN_EXACT.test(token));
}

const COMMENTS = /comment|disqus|respond/i;

/**
 * A block that holds the story's headline or body is not clutter, whatever its class says; nor is
 * a long run of text that is not links (an expander, "read-more", around the rest of the story),
 * unless it is the comments.
 */
function holdsStory(element: Element): boolean {
  // `h1, article, [itemprop~="articleBody"], [itemprop~="headline"]`, walked (faster in jsdom).
  const story = (inner: Element) =>
    inner.localName === 'h1' ||
    inner.localName === 'article' ||
    hasToken(inner, 'itemprop', 'articleBody') ||
    hasToken(inner, 'itemprop', 'headline');
  if (someElement(element, story)) return true;
  const text = (element.textContent ?? '').length;
  if (text < 1_500 || COMMENTS.test(`${element.getAttribute('class') ?? ''} ${element.id}`))
    return false;
  let links = 0;
  for (const link of element.getElementsByTagName('a')) links += (link.textContent ?? '').length;
  return links < text * 0.3;
}

/** Characters of visible text in the body (outside scripts and styles). */
export function visibleTextLength(root: Element): number {
  const doc = root.ownerDocument;
  const walker = doc.createTreeWalker(root, SHOW_TEXT);
  let length = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement?.tagName;
    if (parent === 'SCRIPT' || parent === 'STYLE' || parent === 'NOSCRIPT' || parent === 'TEMPLATE')
      continue;
    length += (node.nodeValue ?? '').trim().length;
  }
  return length;
}

function keepsImages(noscript: Element): boolean {
  return /<img\b/i.test(noscript.textContent ?? '') || Boolean(noscript.querySelector('img'));
}

/**
 * What to leave out of the copy: never-content tags, hidden elements (except a hidden container
 * holding most of the page's text: pages that render on the client ship the article that way),
 * known clutter and the rule's clutter selectors.
 */
/** What to do with an element: leave it (and its subtree) out, note it as hidden, or keep it. */
function judge(element: Element, hiddenClasses: ReadonlySet<string>): 'skip' | 'hidden' | null {
  const tag = element.tagName;
  if (NEVER_CONTENT.has(tag)) return 'skip';
  if (tag === 'NOSCRIPT') return keepsImages(element) ? null : 'skip';
  if (!element.hasAttributes()) return null;
  if (isHidden(element, hiddenClasses)) return 'hidden';
  const role = element.getAttribute('role');
  if (role && NEVER_CONTENT_ROLES.has(role.trim().toLowerCase()) && !holdsStory(element))
    return 'skip';
  const names = `${element.getAttribute('class') ?? ''} ${element.id}`;
  if (
    names.length > 1 &&
    CLUTTER_TOKEN.test(names) &&
    hasClutterName(element) &&
    !holdsStory(element)
  )
    return 'skip';
  return null;
}

/** Hidden by the page's markup (`hidden`, an inline style, `aria-hidden`), not by its style sheets. */
function isHiddenAttribute(element: Element): boolean {
  return hiddenInline(element) || element.getAttribute('aria-hidden') === 'true';
}

/** Text to read (80 characters or more, mostly not links): an answer, a section, not a menu. */
function isProsePanel(element: Element): boolean {
  const text = (element.textContent ?? '').replace(/\s+/g, ' ').trim().length;
  if (text < 80) return false;
  let links = 0;
  for (const link of element.getElementsByTagName('a')) links += (link.textContent ?? '').length;
  return links < text * 0.3;
}

/** The ids that collapsed disclosure buttons control (`aria-expanded="false" aria-controls="…"`). */
function collapsedControlTargets(body: Element): Set<string> {
  const ids = new Set<string>();
  for (const control of body.querySelectorAll('[aria-expanded="false"][aria-controls]'))
    for (const id of (control.getAttribute('aria-controls') ?? '').split(/\s+/))
      if (id) ids.add(id);
  return ids;
}

/**
 * The panel of a collapsed accordion or "show more" control: an FAQ's answer, a guide's section,
 * the rest of the story. It is hidden until the reader opens it, and it is the page's text: the
 * clip keeps it. Known by the control beside it (just before it, or naming it in `aria-controls`)
 * that says it is collapsed (`aria-expanded="false"`).
 */
function isCollapsedPanel(element: Element, controlled: ReadonlySet<string> | null): boolean {
  if (element.id && controlled?.has(element.id)) return true;
  const before = element.previousElementSibling;
  if (!before) return false;
  return (
    before.getAttribute('aria-expanded') === 'false' ||
    Boolean(before.querySelector('[aria-expanded="false"]'))
  );
}

export function elementsToSkip(doc: Document, clutterSelectors: readonly string[] = []): SkipLists {
  const skip = new Set<Element>();
  const unhide = new Set<Element>();
  const body = doc.body;
  if (!body) return { skip, unhide };
  const hidden: Element[] = [];
  const hiddenClasses = classesHiddenByStyleSheets(doc);
  // One walk with plain attribute reads: selector engines are slow at `[class*="…" i]` lists,
  // and jsdom's live collections at indexed access.
  let element = body.firstElementChild;
  while (element) {
    const verdict = judge(element, hiddenClasses);
    if (verdict === 'skip') skip.add(element);
    else if (verdict === 'hidden') hidden.push(element);
    // Into the element unless it is left out whole (a hidden one may be kept: see below).
    element = nextElement(element, body, verdict === 'skip');
  }
  let pageText = -1;
  let controlled: Set<string> | null = null;
  for (const element of hidden) {
    if (isHiddenAttribute(element)) {
      if (element.id) controlled ??= collapsedControlTargets(body);
      if (isCollapsedPanel(element, controlled) && isProsePanel(element)) {
        unhide.add(element);
        continue;
      }
    }
    if ((element.textContent ?? '').length > 2_000) {
      if (pageText < 0) pageText = visibleTextLength(body);
      if (visibleTextLength(element) > pageText * 0.5) {
        unhide.add(element);
        continue;
      }
    }
    skip.add(element);
  }
  for (const selector of clutterSelectors) {
    if (!isUsableSelector(doc, selector)) continue;
    for (const element of body.querySelectorAll(selector)) skip.add(element);
  }
  return { skip, unhide };
}

function importShallow(copy: Document, element: Element): Element | null {
  try {
    return copy.importNode(element, false);
  } catch {
    // An attribute name the DOM refuses ("" or `a"b`): rebuild the element without it.
    try {
      const rebuilt = copy.createElement(element.localName);
      for (const attribute of element.attributes) {
        try {
          rebuilt.setAttribute(attribute.name, attribute.value);
        } catch {
          // dropped
        }
      }
      return rebuilt;
    } catch {
      return null;
    }
  }
}

/**
 * Copies `source`'s children into `target`: subtrees with nothing to skip in one deep import,
 * the others element by element.
 */
function copyChildren(
  copy: Document,
  source: Node,
  target: Node,
  skip: ReadonlySet<Element>,
  descend: ReadonlySet<Element>,
): void {
  for (let child = source.firstChild; child; child = child.nextSibling) {
    if (child.nodeType === 3) {
      target.appendChild(copy.createTextNode((child as Text).data));
      continue;
    }
    if (child.nodeType !== 1) continue;
    const element = child as Element;
    if (skip.has(element)) continue;
    if (!descend.has(element)) {
      try {
        target.appendChild(copy.importNode(element, true));
        continue;
      } catch {
        // fall through: copy it node by node
      }
    }
    const shallow = importShallow(copy, element);
    if (!shallow) continue;
    target.appendChild(shallow);
    copyChildren(copy, element, shallow, skip, descend);
  }
}

/** Ancestors (up to `root`) of the skipped elements: these are copied node by node. */
function ancestorsOf(elements: Iterable<Element>, root: Element): Set<Element> {
  const ancestors = new Set<Element>();
  for (const element of elements) {
    for (let parent = element.parentElement; parent; parent = parent.parentElement) {
      if (ancestors.has(parent)) break;
      ancestors.add(parent);
      if (parent === root) break;
    }
  }
  return ancestors;
}

/** A new, empty document with the page's title and base URL. */
function emptyCopy(doc: Document, title = doc.title): Document {
  const copy = doc.implementation.createHTMLDocument('');
  copy.title = title;
  const base = copy.createElement('base');
  base.setAttribute('href', doc.baseURI);
  copy.head.prepend(base);
  const lang = doc.documentElement.getAttribute('lang');
  if (lang) copy.documentElement.setAttribute('lang', lang);
  return copy;
}

/**
 * Rows and cells copied out of their table (a block found inside a layout table) are not valid
 * HTML outside one, and the Markdown converter fails on them: they become plain blocks.
 */
const TABLE_PARENT: Record<string, RegExp> = {
  TBODY: /^TABLE$/,
  THEAD: /^TABLE$/,
  TFOOT: /^TABLE$/,
  CAPTION: /^TABLE$/,
  TR: /^(?:TABLE|TBODY|THEAD|TFOOT)$/,
  TD: /^TR$/,
  TH: /^TR$/,
};

export function repairTableParts(root: Element): void {
  // Parents before children: a row turned into a block takes its cells along.
  for (const tag of ['tbody', 'thead', 'tfoot', 'caption', 'tr', 'td', 'th']) {
    const parts = root.getElementsByTagName(tag);
    if (!parts.length) continue;
    for (const part of [...parts]) {
      if (TABLE_PARENT[part.tagName]?.test(part.parentElement?.tagName ?? '')) continue;
      const block = root.ownerDocument.createElement('div');
      block.append(...part.childNodes);
      part.replaceWith(block);
    }
  }
}

/** Copies `root` (an element of the page) into `target`, leaving out the skipped elements. */
function copySubtree(
  copy: Document,
  root: Element,
  target: Element,
  skip: ReadonlySet<Element>,
  unhide: ReadonlySet<Element> = new Set(),
): void {
  const inside = [...skip, ...unhide].filter((element) => root.contains(element));
  copyChildren(copy, root, target, skip, ancestorsOf([...inside, ...unhide], root));
  // A block's children without the block: rows or cells without their table.
  if (root.tagName !== 'BODY') repairTableParts(target);
  if (!unhide.size) return;
  for (const element of target.querySelectorAll('[hidden], [style]')) {
    if (hiddenInline(element)) element.removeAttribute('aria-hidden');
    element.removeAttribute('hidden');
    if (hasHiddenStyle(element)) element.removeAttribute('style');
  }
}

/** An element of the page, copied without the skipped elements into a `div` of a reading copy. */
export function copyOut(
  doc: Document,
  element: Element,
  skipped: ReadonlySet<Element>,
  title: string,
): Element {
  const copy = emptyCopy(doc, title);
  const container = copy.createElement('div');
  copySubtree(copy, element, container, skipped);
  copy.body.append(container);
  return container;
}

/**
 * The reading copy of the whole page, without what `elementsToSkip` found; `title` goes in the
 * copy (Readability drops the heading that repeats it).
 */
export function readingCopy(doc: Document, { skip, unhide }: SkipLists, title: string): Document {
  const copy = emptyCopy(doc, title);
  if (doc.body) copySubtree(copy, doc.body, copy.body, skip, unhide);
  return copy;
}
