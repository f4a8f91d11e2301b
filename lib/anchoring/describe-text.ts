import type { Selector, TextSpan } from './types';
import { isBlank, rawToInkOffset, toInk } from './ink-text';

/**
 * Longest context, in visible characters, grown to tell a repeated passage apart. Pages do
 * repeat themselves (a standfirst repeated as a teaser, a headline in the body, a print copy
 * of the whole article); beyond this the position has to decide.
 */
export const MAX_CONTEXT = 256;

/**
 * The share of a grown context another occurrence may match at most. Below the matcher's
 * "context holds" threshold (0.9), so the copy cannot pass for the original on that side.
 */
const COPY_SHARE = 0.8;

/** How far to look for context at all: past this much raw text it is not context. */
const MAX_CONTEXT_RAW = 65536;

/**
 * Selectors for `span` of `text`: the quote with context on each side, and the position.
 *
 * Context is counted in visible (non-blank) characters, because the matcher ignores blanks:
 * 32 raw characters of an indented template can be nothing but spaces. For the same reason
 * it is stored with each run of blanks collapsed to one space. It is at least
 * `contextLength`, and longer on a side where another occurrence of the quote has the same
 * text around it, until that side tells this occurrence apart (see MAX_CONTEXT).
 */
export function describeText(text: string, span: TextSpan, contextLength = 32): Selector[] {
  const { start, end } = span;
  if (!(Number.isInteger(start) && Number.isInteger(end) && 0 <= start && start <= end)) {
    throw new RangeError(`Invalid span ${start}–${end}`);
  }
  if (end > text.length) throw new RangeError(`Span ${start}–${end} is outside the text`);
  const { before, after } = sharedContext(text, span);
  const length = (shared: number) =>
    Math.min(MAX_CONTEXT, Math.max(contextLength, Math.ceil(shared / COPY_SHARE) + 1));
  const prefixLength = length(before);
  const suffixLength = length(after);
  return [
    {
      type: 'TextQuoteSelector',
      exact: text.slice(start, end),
      prefix: collapseBlanks(text.slice(walkVisible(text, start, -1, prefixLength), start)),
      suffix: collapseBlanks(text.slice(end, walkVisible(text, end, 1, suffixLength))),
    },
    { type: 'TextPositionSelector', start, end },
  ];
}

/**
 * The longest run of visible context any other occurrence of the quote shares with this one,
 * before and after it.
 */
function sharedContext(text: string, span: TextSpan): { before: number; after: number } {
  const inkText = toInk(text);
  const { ink } = inkText;
  const from = rawToInkOffset(inkText, span.start);
  const to = rawToInkOffset(inkText, span.end);
  const quote = ink.slice(from, to);
  let before = 0;
  let after = 0;
  if (quote.length === 0) return { before, after };
  const limit = Math.ceil(MAX_CONTEXT / COPY_SHARE);
  for (let at = ink.indexOf(quote); at !== -1; at = ink.indexOf(quote, at + 1)) {
    if (at === from) continue;
    let k = 0;
    while (k < limit && k < at && k < from && ink[at - 1 - k] === ink[from - 1 - k]) k++;
    before = Math.max(before, k);
    k = 0;
    const otherEnd = at + quote.length;
    while (k < limit && to + k < ink.length && ink[otherEnd + k] === ink[to + k]) k++;
    after = Math.max(after, k);
  }
  return { before, after };
}

/** The offset `count` visible characters away from `from` in direction `step`. */
function walkVisible(text: string, from: number, step: 1 | -1, count: number): number {
  const limit =
    step < 0 ? Math.max(0, from - MAX_CONTEXT_RAW) : Math.min(text.length, from + MAX_CONTEXT_RAW);
  let at = from;
  let seen = 0;
  while (seen < count && at !== limit) {
    const code = text.charCodeAt(step < 0 ? at - 1 : at);
    if (!isBlank(code)) seen++;
    at += step;
  }
  // Never cut a surrogate pair in half at the outer edge.
  const edge = text.charCodeAt(step < 0 ? at : at - 1);
  if (step < 0 && at > 0 && edge >= 0xdc00 && edge <= 0xdfff) at--;
  if (step > 0 && at < text.length && edge >= 0xd800 && edge <= 0xdbff) at++;
  return at;
}

function collapseBlanks(context: string): string {
  let out = '';
  let inRun = false;
  for (let i = 0; i < context.length; i++) {
    if (isBlank(context.charCodeAt(i))) {
      if (!inRun) out += ' ';
      inRun = true;
    } else {
      out += context[i];
      inRun = false;
    }
  }
  return out;
}
