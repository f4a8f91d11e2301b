import { rangeToSpan, textOf } from './dom-text';

/**
 * Painting highlights as `<mark>` elements, and removing them without a trace. Each text node
 * piece gets its own mark, so a mark never spans a block boundary and the page's elements
 * are never split or re-parented: only text nodes are split, and re-joined on removal.
 */

const HTML_NAMESPACE = 'http://www.w3.org/1999/xhtml';
/** Whitespace-only pieces are left alone: between blocks or table cells a mark is invalid. */
const BLANK_ONLY = /^[\s\u200b\ufeff]*$/;

export const HIGHLIGHT_ATTRIBUTE = 'data-gleaner-highlight';

export function paintHighlight(
  root: Element,
  range: Range,
  id: string,
  color: string,
): HTMLElement[] {
  if (!/^[\w-]+$/.test(color)) throw new Error(`Invalid highlight color "${color}"`);
  const dom = textOf(root);
  const span = rangeToSpan(root, range, dom);
  if (!span || span.start === span.end) return [];
  const marks: HTMLElement[] = [];
  for (const slice of dom.nodes) {
    if (slice.end <= span.start) continue;
    if (slice.start >= span.end) break;
    // A mark inside SVG or MathML would not render, and would hide the text it wraps.
    const parent = slice.node.parentElement;
    if (!parent || parent.namespaceURI !== HTML_NAMESPACE) continue;
    const from = Math.max(span.start, slice.start) - slice.start;
    const to = Math.min(span.end, slice.end) - slice.start;
    if (BLANK_ONLY.test(slice.node.data.slice(from, to))) continue;
    let piece = slice.node;
    if (from > 0) piece = piece.splitText(from);
    if (to - from < piece.data.length) piece.splitText(to - from);
    const mark = piece.ownerDocument.createElement('mark');
    mark.setAttribute(HIGHLIGHT_ATTRIBUTE, id);
    mark.className = `gleaner-highlight gleaner-${color}`;
    parent.insertBefore(mark, piece);
    mark.appendChild(piece);
    marks.push(mark);
  }
  return marks;
}

/** Unwraps the marks of highlight `id` and re-joins the text nodes painting split. */
export function removeHighlight(root: Element, id: string): void {
  const parents = new Set<Node>();
  for (const mark of root.querySelectorAll(`mark[${HIGHLIGHT_ATTRIBUTE}]`)) {
    if (mark.getAttribute(HIGHLIGHT_ATTRIBUTE) !== id) continue;
    const parent = mark.parentNode;
    if (!parent) continue;
    while (mark.firstChild) parent.insertBefore(mark.firstChild, mark);
    parent.removeChild(mark);
    parents.add(parent);
  }
  for (const parent of parents) parent.normalize();
}
