/**
 * A read-only map of where a page's text is: for every element, how much text it holds outside
 * links and inside links (skipped clutter not counted). One pass over the page; nothing is copied.
 * The largest-text-block fallback and the check of Readability's choice both read it.
 */

export interface TextStats {
  /** Characters of text outside links (whitespace not counted). */
  text: number;
  /** Of which in short runs (under 20 characters directly in one block): labels, menus, buttons. */
  short: number;
  /** Characters of text inside links. */
  link: number;
  /** Block elements directly holding at least 10 characters of text outside links. */
  paragraphs: number;
}

export interface TextMap {
  stats: Map<Element, TextStats>;
  body: Element;
  /** The block holding the most text directly (outside links): a paragraph of the story. */
  longest: Element | null;
}

const INLINE = new Set([
  'A',
  'ABBR',
  'B',
  'BDI',
  'BDO',
  'BR',
  'CITE',
  'CODE',
  'DATA',
  'DFN',
  'EM',
  'FONT',
  'I',
  'IMG',
  'KBD',
  'LABEL',
  'MARK',
  'Q',
  'S',
  'SAMP',
  'SMALL',
  'SPAN',
  'STRIKE',
  'STRONG',
  'SUB',
  'SUP',
  'TIME',
  'TT',
  'U',
  'VAR',
  'WBR',
  'NOBR',
  'BIG',
  'CENTER',
]);

const IGNORED = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'svg', 'SVG']);

function nonSpaceLength(value: string): number {
  let count = 0;
  for (let index = 0; index < value.length; index += 1) {
    const code = value.charCodeAt(index);
    if (code > 32 && code !== 160 && code !== 0x3000) count += 1;
  }
  return count;
}

/** Text per element of `root`'s subtree, leaving out `skip`ped elements. */
export function mapText(root: Element, skip: ReadonlySet<Element>): TextMap {
  const stats = new Map<Element, TextStats>();
  let longest: Element | null = null;
  let longestLength = 0;
  const visit = (element: Element, inLink: boolean): TextStats => {
    const own: TextStats = { text: 0, short: 0, link: 0, paragraphs: 0 };
    let direct = 0;
    for (let child = element.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 3) {
        const length = nonSpaceLength((child as Text).data);
        if (inLink) own.link += length;
        else {
          own.text += length;
          direct += length;
        }
        continue;
      }
      if (child.nodeType !== 1) continue;
      const node = child as Element;
      if (skip.has(node) || IGNORED.has(node.tagName)) continue;
      const sub = visit(node, inLink || node.tagName === 'A');
      own.text += sub.text;
      own.short += sub.short;
      own.link += sub.link;
      own.paragraphs += sub.paragraphs;
      if (INLINE.has(node.tagName)) direct += sub.text;
    }
    if (!INLINE.has(element.tagName)) {
      if (direct > longestLength) {
        longestLength = direct;
        longest = element;
      }
      if (direct >= 10) own.paragraphs += 1;
      if (direct > 0 && direct < 20) own.short += direct;
    }
    stats.set(element, own);
    return own;
  };
  visit(root, false);
  return { stats, body: root, longest };
}

/**
 * The element that holds the page's main run of text: the best balance of text outside links
 * against link text, among elements with some paragraphs.
 */
export function largestTextBlock(map: TextMap): Element | null {
  let best: Element | null = null;
  let bestScore = 0;
  for (const [element, { text, short, link, paragraphs }] of map.stats) {
    if (paragraphs < 1 || element === map.body) continue;
    const score = text - 1.5 * short - 1.5 * link;
    if (score > bestScore) {
      bestScore = score;
      best = element;
    }
  }
  return best;
}

/** Text outside links that is not in short runs: the text that reads like paragraphs. */
function goodText(stats: TextStats | undefined): number {
  return stats ? stats.text - stats.short : 0;
}

/**
 * The smallest region of the page that holds nearly all its paragraph text (`share` of it) and
 * its longest paragraph, one level up for margin: the header, navigation, sidebars and footer
 * around it are left out. Readability only needs to read this region, which makes it faster.
 */
export function mainRegion(map: TextMap, share = 0.85): Element {
  const total = goodText(map.stats.get(map.body));
  if (total <= 0) return map.body;
  let region = map.body;
  for (;;) {
    let next: Element | null = null;
    for (let child = region.firstElementChild; child; child = child.nextElementSibling) {
      if (
        goodText(map.stats.get(child)) >= total * share &&
        (!map.longest || child.contains(map.longest))
      ) {
        next = child;
        break;
      }
    }
    if (!next) break;
    region = next;
  }
  if (region === map.body) return region;
  return region.parentElement ?? region;
}
