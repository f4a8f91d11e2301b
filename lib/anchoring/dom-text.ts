import type { TextSpan } from './types';

/**
 * The text of a DOM subtree as one string, with a map between string offsets and
 * (Text node, offset) points. Rule: the raw `data` of every text node that can be seen,
 * concatenated in document order, nothing added or normalised, so every offset maps back to
 * exactly one DOM point. Whitespace differences are the matcher's business (ink-text.ts).
 *
 * Only DOM methods and numeric node types are used (no `Node`, `NodeFilter` or `document`
 * globals), so this runs in a page, in an extension page and on a jsdom window alike.
 */

/** One text node and where its data sits in `DomText.text`. */
export interface TextNodeSlice {
  node: Text;
  start: number;
  end: number;
}

export interface DomText {
  text: string;
  /** Non-empty text nodes in document order. */
  nodes: TextNodeSlice[];
  /**
   * Offsets where a block element (or `<br>`) starts or ends, ascending: a line break that is
   * no character of the text. The matcher needs them to tell `Title</h2><p>Text` (two words)
   * from `TitleText` (one).
   */
  breaks: number[];
}

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const DOCUMENT_POSITION_FOLLOWING = 4;
const DOCUMENT_POSITION_CONTAINED_BY = 16;

/** Elements whose text is never shown as text (or is not the page's: our own UI). */
const SKIPPED = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'textarea',
  'select',
  'option',
  'iframe',
  'object',
  'head',
  'title',
]);

/**
 * Hidden by an inline style. Pages keep hidden copies of the article (share widgets,
 * schema.org microdata, print versions); counting them would make every quote ambiguous.
 * Only inline styles are read: computed styles need layout, which jsdom does not have.
 */
const HIDDEN_STYLE =
  /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)\s*(?:!important\s*)?(?:;|$)/i;

/** Elements that break the line: their edges separate words even without whitespace. */
const BREAKING = new Set(
  (
    'address article aside blockquote br caption dd details dialog div dl dt fieldset ' +
    'figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr li main nav ol p pre ' +
    'section summary table tbody td tfoot th thead tr ul'
  ).split(' '),
);

function isSkipped(element: Element, name: string): boolean {
  if (SKIPPED.has(name)) return true;
  // One look at the attribute names: attribute lookups are slow in jsdom.
  if (!element.hasAttributes()) return false;
  const names = element.getAttributeNames();
  if (names.includes('data-gleaner-ui') || names.includes('hidden')) return true;
  return names.includes('style') && HIDDEN_STYLE.test(element.getAttribute('style') ?? '');
}

export function textOf(root: Element): DomText {
  const nodes: TextNodeSlice[] = [];
  const parts: string[] = [];
  const breaks: number[] = [];
  let length = 0;
  // Iterative walk, each DOM property read once per node: property access is what costs in
  // jsdom (TreeWalker is slower still), and recursion could overflow on deep pages.
  let node: Node | null = root.firstChild;
  while (node) {
    let first: Node | null = null;
    const type = node.nodeType;
    if (type === TEXT_NODE) {
      const data = (node as Text).data;
      if (data.length > 0) {
        nodes.push({ node: node as Text, start: length, end: length + data.length });
        parts.push(data);
        length += data.length;
      }
    } else if (type === ELEMENT_NODE) {
      const name = (node as Element).localName;
      if (!isSkipped(node as Element, name)) {
        if (BREAKING.has(name)) breaks.push(length);
        first = node.firstChild;
      }
    }
    if (first) {
      node = first;
      continue;
    }
    // Climb out of finished elements, noting where the breaking ones end.
    let next: Node | null = node.nextSibling;
    while (!next) {
      node = node.parentNode;
      if (!node || node === root) break;
      if (BREAKING.has((node as Element).localName)) breaks.push(length);
      next = node.nextSibling;
    }
    node = next;
  }
  return { text: parts.join(''), nodes, breaks };
}

/** Index of the slice holding offset `offset`; at a boundary, the later slice if `forward`. */
function sliceAt(dom: DomText, offset: number, forward: boolean): number {
  let low = 0;
  let high = dom.nodes.length - 1;
  while (low < high) {
    const mid = (low + high) >> 1;
    const slice = dom.nodes[mid];
    if (!slice) break;
    const beforeOffset = forward ? slice.end <= offset : slice.end < offset;
    if (beforeOffset) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** The text offset of a DOM boundary point (`container`, `offset`). */
export function pointToOffset(dom: DomText, container: Node, offset: number): number {
  if (container.nodeType === TEXT_NODE) {
    const slice = dom.nodes[sliceIndexOfNode(dom, container)];
    if (slice?.node === container) return slice.start + Math.min(offset, slice.end - slice.start);
    // A text node we do not count (empty, or inside a skipped element): before or after it.
    return firstOffsetAfter(dom, offset === 0 ? container : null, container);
  }
  return firstOffsetAfter(dom, container.childNodes[offset] ?? null, container);
}

/** Index of the slice of `node`, or of where it would be. */
function sliceIndexOfNode(dom: DomText, node: Node): number {
  let low = 0;
  let high = dom.nodes.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    const other = dom.nodes[mid]?.node;
    if (!other || other === node) return mid;
    if (other.compareDocumentPosition(node) & DOCUMENT_POSITION_FOLLOWING) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * Offset of the first counted text at or after a point given as "just before `ref`" or, when
 * `ref` is null, "at the end of `container`".
 */
function firstOffsetAfter(dom: DomText, ref: Node | null, container: Node): number {
  const isAfter = (textNode: Node): boolean => {
    if (ref) {
      return (
        textNode === ref ||
        ref.contains(textNode) ||
        (ref.compareDocumentPosition(textNode) & DOCUMENT_POSITION_FOLLOWING) !== 0
      );
    }
    const position = container.compareDocumentPosition(textNode);
    return (
      (position & DOCUMENT_POSITION_FOLLOWING) !== 0 &&
      (position & DOCUMENT_POSITION_CONTAINED_BY) === 0
    );
  };
  let low = 0;
  let high = dom.nodes.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    const slice = dom.nodes[mid];
    if (slice && isAfter(slice.node)) high = mid;
    else low = mid + 1;
  }
  return dom.nodes[low]?.start ?? dom.text.length;
}

/** The span of `range` in `textOf(root)`, or null when the range is not inside `root`. */
export function rangeToSpan(root: Element, range: Range, dom = textOf(root)): TextSpan | null {
  if (!root.contains(range.startContainer) || !root.contains(range.endContainer)) return null;
  const start = pointToOffset(dom, range.startContainer, range.startOffset);
  const end = pointToOffset(dom, range.endContainer, range.endOffset);
  return { start, end: Math.max(start, end) };
}

/**
 * A Range over `span` of `textOf(root)`. It starts in the text node holding the first
 * character and ends in the one holding the last, so it never reaches into a neighbour.
 */
export function spanToRange(root: Element, span: TextSpan, dom = textOf(root)): Range {
  const { start, end } = span;
  if (!(0 <= start && start <= end && end <= dom.text.length)) {
    throw new RangeError(`Span ${start}–${end} is outside the text (${dom.text.length})`);
  }
  const range = root.ownerDocument.createRange();
  const first = dom.nodes[sliceAt(dom, start, true)];
  if (!first) {
    range.setStart(root, 0);
    range.collapse(true);
    return range;
  }
  if (start === end) {
    const point = Math.min(Math.max(start, first.start), first.end) - first.start;
    range.setStart(first.node, point);
    range.collapse(true);
    return range;
  }
  const last = dom.nodes[sliceAt(dom, end, false)] ?? first;
  range.setStart(first.node, start - first.start);
  range.setEnd(last.node, end - last.start);
  return range;
}
