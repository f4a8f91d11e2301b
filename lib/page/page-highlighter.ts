import { anchorInDom, describeRange } from '../anchoring/anchor-dom';
import { paintHighlight, removeHighlight } from '../anchoring/paint';
import { readCanonicalUrl } from '../extract/canonical-url';
import { t } from '../i18n';
import type { PageRequestOf, PageRequestType, PageResponse } from '../messaging/protocol';
import type { Highlight } from '../model';
import { createSelectionButton } from './selection-button';

type Send = <T extends PageRequestType>(request: PageRequestOf<T>) => Promise<PageResponse<T>>;

export interface PageHighlighter {
  /** Highlights what the user selected; resolves to an error message or null. */
  highlightSelection(): Promise<string | null>;
  /** Paints the saved highlights of this page again (after a save elsewhere, or a reload). */
  repaint(): Promise<void>;
  destroy(): void;
}

function selectedRange(doc: Document): Range | null {
  const selection = doc.getSelection();
  if (!selection || selection.isCollapsed || !selection.rangeCount) return null;
  const range = selection.getRangeAt(0);
  if (!range.toString().trim()) return null;
  const container = range.commonAncestorContainer;
  const element = container instanceof Element ? container : container.parentElement;
  if (element?.closest('[data-gleaner-ui]')) return null;
  return range;
}

/**
 * Highlights on a live page: paints the saved ones, and offers a floating button on a selection.
 * All storage goes through the background (this runs in the page's origin).
 */
export function startPageHighlighter(doc: Document, send: Send): PageHighlighter {
  const painted = new Set<string>();
  const canonicalUrl = () => readCanonicalUrl(doc, doc.location.href);

  const paint = (highlight: Highlight, range?: Range) => {
    const target =
      range ??
      anchorInDom(
        doc.body,
        highlight.pageSelectors.length ? highlight.pageSelectors : highlight.articleSelectors,
      )?.range;
    if (!target) return;
    if (paintHighlight(doc.body, target, highlight.id, highlight.color).length)
      painted.add(highlight.id);
  };

  const highlightSelection = async (): Promise<string | null> => {
    const range = selectedRange(doc);
    if (!range) return t('error_select_first');
    const quote = range.toString();
    const pageSelectors = describeRange(doc.body, range);
    button.hide();
    const result = await send({
      type: 'page:highlight-create',
      canonicalUrl: canonicalUrl(),
      quote,
      pageSelectors,
      color: 'yellow',
    });
    if (!result.ok) return result.error.message;
    // The page may have changed while saving; anchor again rather than trust the old Range.
    paint(result.value);
    doc.getSelection()?.removeAllRanges();
    return null;
  };

  const button = createSelectionButton(
    doc,
    t('page_highlight_button'),
    () => void highlightSelection(),
    t('lang'),
  );

  const onSelectionEnd = () => {
    const range = selectedRange(doc);
    if (range) button.showAt(range.getBoundingClientRect());
    else button.hide();
  };
  doc.addEventListener('mouseup', onSelectionEnd);
  doc.addEventListener('keyup', onSelectionEnd);

  const repaint = async () => {
    const result = await send({ type: 'page:highlights', canonicalUrl: canonicalUrl() });
    if (!result.ok) return;
    for (const id of painted) removeHighlight(doc.body, id);
    painted.clear();
    // Anchor all first: painting one splits text nodes the next one's range may point into.
    const anchors = result.value.highlights.map((highlight) => ({
      highlight,
      range: anchorInDom(
        doc.body,
        highlight.pageSelectors.length ? highlight.pageSelectors : highlight.articleSelectors,
      )?.range,
    }));
    for (const { highlight, range } of anchors) if (range) paint(highlight, range);
  };

  return {
    highlightSelection,
    repaint,
    destroy() {
      doc.removeEventListener('mouseup', onSelectionEnd);
      doc.removeEventListener('keyup', onSelectionEnd);
      button.destroy();
      for (const id of painted) removeHighlight(doc.body, id);
    },
  };
}
