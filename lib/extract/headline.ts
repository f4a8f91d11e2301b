/**
 * The article's headline element and the text around it, where pages print the date line.
 * `h1`s also hold logos and section names, and old pages have no `h1` at all, so the `<title>`
 * tells which element is the headline.
 */

import { memo } from './doc-memo';
import { cleanTitle } from './title';

const MAX_HEADLINE_LENGTH = 300;

/** `NodeFilter.SHOW_TEXT`, spelled out: the global is missing when jsdom runs outside a window. */
const SHOW_TEXT = 0x4;

/** Text nobody reads on the page. */
const HIDDEN_TEXT = new Set([
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEMPLATE',
  'SELECT',
  'OPTION',
  'TITLE',
]);

function collapse(value: string | null | undefined): string {
  return (value ?? '').replace(/\s+/g, ' ').trim();
}

function text(element: Element): string {
  return collapse(element.textContent);
}

function isVisibleText(node: Node): boolean {
  return !HIDDEN_TEXT.has(node.parentElement?.tagName ?? '');
}

/** The body's visible text nodes, in document order. */
export function* textNodes(doc: Document): Generator<Text> {
  const walker = doc.createTreeWalker(doc.body ?? doc.documentElement, SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (isVisibleText(node)) yield node as Text;
  }
}

const HEADING_LIKE = /^(?:H[1-6]|STRONG|B)$/;

/**
 * A text node that is the headline part of the title ("劳伦斯：一个无法定义的“洛克菲勒”" for
 * "劳伦斯：一个无法定义的“洛克菲勒”-搜狐财经"), preferring one set as a heading.
 */
function headlineByTitle(doc: Document, rawTitle: string): Element | null {
  const title = collapse(rawTitle);
  if (title.length < 4) return null;
  const cleaned = cleanTitle(title, {});
  let first: Element | null = null;
  for (const node of textNodes(doc)) {
    const value = collapse(node.nodeValue);
    if (value.length < 4) continue;
    // The title without its site name, or most of the title (not the site name or a word of it).
    const isHeadline =
      value === cleaned ||
      (value.length >= title.length * 0.4 && (title.startsWith(value) || title.endsWith(value)));
    if (!isHeadline) continue;
    const parent = node.parentElement;
    if (!parent || text(parent) !== value) continue;
    const label = `${parent.getAttribute('class') ?? ''} ${parent.id}`;
    if (HEADING_LIKE.test(parent.tagName) || /title|headline/i.test(label)) return parent;
    first ??= parent;
  }
  return first;
}

/**
 * The headline element: the `h1` whose text the `<title>` contains (longest first), else an
 * element holding the title's text, else the first `h1` inside an article, else the first `h1`.
 */
export function findHeadline(doc: Document, rawTitle = doc.title): Element | null {
  return memo(doc, `headline\u0000${rawTitle}`, () => searchHeadline(doc, rawTitle));
}

/** Inside `<article>` or an element typed as an Article (what `closest()` would find, faster in jsdom). */
function inArticle(element: Element): boolean {
  for (let up = element.parentElement; up; up = up.parentElement) {
    if (up.tagName === 'ARTICLE' || (up.getAttribute('itemtype') ?? '').includes('Article'))
      return true;
  }
  return false;
}

function searchHeadline(doc: Document, rawTitle: string): Element | null {
  const headings = [...doc.getElementsByTagName('h1')].filter((h) => {
    const length = text(h).length;
    return length > 0 && length <= MAX_HEADLINE_LENGTH;
  });
  const title = collapse(rawTitle);
  // An h1 that is a small part of the title is the site's logo ("痞客邦 PIXNET"), not the headline.
  const inTitle = headings
    .filter((h) => text(h).length >= Math.max(4, title.length * 0.3) && title.includes(text(h)))
    .sort((a, b) => text(b).length - text(a).length);
  return (
    inTitle[0] ?? headlineByTitle(doc, title) ?? headings.find(inArticle) ?? headings[0] ?? null
  );
}

export function headlineText(element: Element | null): string | null {
  return element ? text(element) || null : null;
}

/** The element's visible text with a space between text nodes ("Luke Kim" + "December 17, 2025"). */
export function spacedText(element: Element): string {
  const doc = element.ownerDocument;
  const walker = doc.createTreeWalker(element, SHOW_TEXT);
  const pieces: string[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const piece = collapse(node.nodeValue);
    if (piece && isVisibleText(node)) pieces.push(piece);
  }
  return pieces.join(' ');
}

/** The visible page text right after the node (not inside it), about `limit` characters. */
export function textAfter(node: Node, limit: number): string {
  const doc = node.ownerDocument;
  if (!doc) return '';
  const walker = doc.createTreeWalker(doc.body ?? doc.documentElement, SHOW_TEXT);
  walker.currentNode = node;
  let result = '';
  for (let next = walker.nextNode(); next && result.length < limit; next = walker.nextNode()) {
    const piece = collapse(next.nodeValue);
    if (piece && !node.contains(next) && isVisibleText(next)) result += ` ${piece}`;
  }
  return result.trim().slice(0, limit);
}

/** The visible page text right before the node, about `limit` characters. */
export function textBefore(node: Node, limit: number): string {
  const doc = node.ownerDocument;
  if (!doc) return '';
  const walker = doc.createTreeWalker(doc.body ?? doc.documentElement, SHOW_TEXT);
  walker.currentNode = node;
  let result = '';
  for (
    let prev = walker.previousNode();
    prev && result.length < limit;
    prev = walker.previousNode()
  ) {
    const piece = collapse(prev.nodeValue);
    if (piece && isVisibleText(prev)) result = `${piece} ${result}`;
  }
  result = result.trim();
  return result.slice(Math.max(0, result.length - limit));
}
