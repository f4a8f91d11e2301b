import type { Selector, TextSpan } from './types';
import { isBlank, rawToInkOffset, toInk } from './ink-text';
import { contextErrors } from './similarity';

/**
 * Longest context, in visible characters, grown to tell a repeated passage apart. Pages do
 * repeat themselves (a standfirst repeated as a teaser, a headline in the body, menus that
 * differ in one item); a side this long is treated by the matcher as not telling anything
 * apart on its own, because it may have been grown this far in vain.
 */
export const MAX_CONTEXT = 256;

/**
 * A side is grown until no other occurrence of the quote has context this similar on that
 * side. Below the matcher's "context holds" threshold (0.9), so a copy cannot pass for the
 * original on a side that tells them apart.
 */
const COPY_SIMILARITY = 0.8;

/** How far to look for context at all: past this much raw text it is not context. */
const MAX_CONTEXT_RAW = 65536;

/**
 * Selectors for `span` of `text`: the quote with context on each side, and the position.
 *
 * Context is counted in visible (non-blank) characters, because the matcher ignores blanks:
 * 32 raw characters of an indented template can be nothing but spaces. For the same reason
 * it is stored with each run of blanks collapsed to one space. It is at least
 * `contextLength`, doubled on a side while another occurrence of the quote has nearly the
 * same text on that side (up to MAX_CONTEXT).
 */
export function describeText(text: string, span: TextSpan, contextLength = 32): Selector[] {
  const { start, end } = span;
  if (!(Number.isInteger(start) && Number.isInteger(end) && 0 <= start && start <= end)) {
    throw new RangeError(`Invalid span ${start}–${end}`);
  }
  if (end > text.length) throw new RangeError(`Span ${start}–${end} is outside the text`);
  const { before, after } = contextLengths(text, span, contextLength);
  return [
    {
      type: 'TextQuoteSelector',
      exact: text.slice(start, end),
      prefix: collapseBlanks(text.slice(walkVisible(text, start, -1, before), start)),
      suffix: collapseBlanks(text.slice(end, walkVisible(text, end, 1, after))),
    },
    { type: 'TextPositionSelector', start, end },
  ];
}

/** Visible context to keep before and after the quote. */
function contextLengths(text: string, span: TextSpan, minimum: number) {
  const inkText = toInk(text);
  const { ink } = inkText;
  const from = rawToInkOffset(inkText, span.start);
  const to = rawToInkOffset(inkText, span.end);
  const quote = ink.slice(from, to);
  const others: number[] = [];
  if (quote.length > 0) {
    for (let at = ink.indexOf(quote); at !== -1; at = ink.indexOf(quote, at + 1)) {
      if (at !== from) others.push(at);
    }
  }
  const grow = (side: 'before' | 'after'): number => {
    let length = Math.min(minimum, MAX_CONTEXT);
    let rivals = others;
    for (;;) {
      const expected =
        side === 'before'
          ? ink.slice(Math.max(0, from - length), from)
          : ink.slice(to, to + length);
      if (expected.length === 0) return length;
      const limit = Math.floor(expected.length * (1 - COPY_SIMILARITY));
      rivals = rivals.filter((at) => {
        const edge = side === 'before' ? at : at + quote.length;
        return contextErrors(ink, edge, side, expected) <= limit;
      });
      if (rivals.length === 0 || length >= MAX_CONTEXT) return length;
      length = Math.min(MAX_CONTEXT, length * 2);
    }
  };
  return { before: grow('before'), after: grow('after') };
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
