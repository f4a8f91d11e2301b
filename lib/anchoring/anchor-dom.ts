import { anchorText } from './anchor-text';
import { describeText } from './describe-text';
import { rangeToSpan, spanToRange, textOf } from './dom-text';
import type { AnchorMethod, Selector } from './types';

/** Selectors for a user's selection `range` inside `root` (e.g. `document.body`). */
export function describeRange(root: Element, range: Range): Selector[] {
  const dom = textOf(root);
  const span = rangeToSpan(root, range, dom);
  if (!span) throw new Error('Range is not inside the root element');
  return describeText(dom.text, span);
}

export interface DomAnchor {
  range: Range;
  method: AnchorMethod;
}

/** Where `selectors` point inside `root` now, or null when the highlight is orphaned. */
export function anchorInDom(root: Element, selectors: readonly Selector[]): DomAnchor | null {
  const dom = textOf(root);
  const anchor = anchorText(dom.text, selectors, { breaks: dom.breaks });
  if (!anchor) return null;
  return { range: spanToRange(root, anchor.span, dom), method: anchor.method };
}
