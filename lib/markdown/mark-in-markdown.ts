import type { Highlight } from '../model';
import { wrapHighlight, type HighlightSyntax } from './html-to-markdown';
import type { HighlightedMarkdown } from './with-highlights';

/**
 * Highlights marked straight in the article's stored Markdown, without a DOM: the common case,
 * where every quote is plain text on one line, written once in the article (blank at its edges
 * aside). Turndown leaves such text as it is, so its one place in the Markdown is the place it was
 * highlighted. Anything else (a quote Markdown would escape or that crosses a link or emphasis, a
 * quote written twice, overlapping highlights, code blocks, whose marks the DOM path drops)
 * answers null: the article then goes through `markdownWithHighlights`, which anchors in the HTML.
 *
 * This lets export workers, which have no DOM, render articles with highlights.
 */
export function markInMarkdown(
  markdown: string,
  text: string,
  highlights: readonly Highlight[],
  syntax: HighlightSyntax,
): HighlightedMarkdown | null {
  const spans = quoteSpans(
    markdown,
    text,
    highlights.map((h) => h.quote),
  );
  if (!spans) return null;
  let marked = '';
  let at = 0;
  for (const { start, end } of spans) {
    marked += markdown.slice(at, start) + wrapHighlight(markdown.slice(start, end), syntax);
    at = end;
  }
  marked += markdown.slice(at);
  return { markdown: marked, placed: new Set(highlights.map((h) => h.id)) };
}

/** Where the quotes are in the Markdown, in order, or null when one cannot be placed for sure. */
export function quoteSpans(
  markdown: string,
  text: string,
  quotes: readonly string[],
): { start: number; end: number }[] | null {
  if (CODE_FENCE.test(markdown)) return null;
  const spans: { start: number; end: number }[] = [];
  for (const edged of quotes) {
    // Blank at the edges stays outside the mark, as Turndown writes it.
    const quote = edged.trim();
    if (!isPlainQuote(quote)) return null;
    const start = onlyPlace(markdown, quote);
    if (start < 0 || onlyPlace(text, quote) < 0 || inLinkOrImage(markdown, start)) return null;
    spans.push({ start, end: start + quote.length });
  }
  spans.sort((a, b) => a.start - b.start);
  if (spans.some((span, i) => i > 0 && span.start < (spans[i - 1] as { end: number }).end))
    return null;
  return spans;
}

const CODE_FENCE = /^ {0,3}(?:```|~~~)/m;
/** Characters Turndown (or our escaping of `<`, `{{`, `}}`, or GFM tables) may escape. */
const MARKDOWN_SPECIAL = /[\\*_`[\]<>{}~#=|]/;
/** Escaped at the start of a line: list markers and ordered-list numbers. */
const LINE_START_SPECIAL = /^(?:[-+]|\d+[.)])/;

function isPlainQuote(quote: string): boolean {
  return (
    quote.length > 0 &&
    !/\s\s|[\n\r\t]/.test(quote) &&
    !MARKDOWN_SPECIAL.test(quote) &&
    !LINE_START_SPECIAL.test(quote)
  );
}

/**
 * Whether `at` is inside a link's address or an image's alt text: the reader's text written once
 * could then have been escaped where it stands and this be another place.
 */
function inLinkOrImage(markdown: string, at: number): boolean {
  const before = markdown.slice(markdown.lastIndexOf('\n', at) + 1, at);
  return /\]\([^)\s]*$/.test(before) || /!\[[^\]]*$/.test(before);
}

/** Where `part` is in `whole`, when it is there exactly once; -1 otherwise. */
function onlyPlace(whole: string, part: string): number {
  const first = whole.indexOf(part);
  if (first < 0 || whole.indexOf(part, first + 1) >= 0) return -1;
  return first;
}
