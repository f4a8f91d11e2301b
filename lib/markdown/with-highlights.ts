import { anchorInDom } from '../anchoring/anchor-dom';
import { paintHighlight } from '../anchoring/paint';
import type { Highlight } from '../model';
import { elementToMarkdown, type HighlightSyntax } from './html-to-markdown';

export interface HighlightedMarkdown {
  markdown: string;
  /** Ids of the highlights found in the article and marked in the Markdown. */
  placed: Set<string>;
}

/**
 * The article in Markdown with its highlights marked at their place. Highlights are anchored in
 * the article HTML (the text they were described against) and painted as `<mark>` before
 * conversion, so a quote spanning bold text or a link is still marked exactly.
 */
export function markdownWithHighlights(
  html: string,
  baseUrl: string,
  highlights: readonly Highlight[],
  highlightSyntax: HighlightSyntax,
): HighlightedMarkdown {
  const body = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html').body;
  const placed = new Set<string>();
  // Anchor every highlight before painting any: painting splits text nodes, not text.
  const anchors = highlights.map((highlight) => ({
    highlight,
    anchor: anchorInDom(body, highlight.articleSelectors),
  }));
  for (const { highlight, anchor } of anchors) {
    if (!anchor) continue;
    if (paintHighlight(body, anchor.range, highlight.id, highlight.color).length)
      placed.add(highlight.id);
  }
  return { markdown: elementToMarkdown(body, baseUrl, { highlightSyntax }), placed };
}
