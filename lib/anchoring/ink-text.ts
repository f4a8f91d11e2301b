import type { TextSpan } from './types';

/**
 * The "ink" of a text: the text with whitespace and invisible characters removed, plus a map
 * from each ink character back to its raw offset.
 *
 * Why: pages change their whitespace all the time (re-indented templates, `&nbsp;` vs space,
 * a newline between `</p><p>` or none) without changing what a reader sees. Matching on ink
 * makes those changes invisible to the matcher, while the raw offsets stay exact for the DOM.
 */
export interface InkText {
  /** The text without blank characters. */
  ink: string;
  /** `raw[i]` is the raw offset of `ink[i]`; `raw[ink.length]` is the raw text's length. */
  raw: Int32Array;
}

/** Whitespace (incl. NBSP, ideographic space), soft hyphen and zero-width characters. */
export function isBlank(code: number): boolean {
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  if (code < 0x85) return false;
  return (
    code === 0x85 ||
    code === 0xa0 ||
    code === 0xad ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200d) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x2060 ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

// One-entry cache: anchoring several highlights reads the same page text many times in a row.
let cached: { text: string; value: InkText } | undefined;

export function toInk(text: string): InkText {
  if (cached?.text === text) return cached.value;
  const raw = new Int32Array(text.length + 1);
  const pieces: string[] = [];
  let length = 0;
  let runStart = 0;
  for (let i = 0; i < text.length; i++) {
    if (isBlank(text.charCodeAt(i))) {
      if (runStart < i) pieces.push(text.slice(runStart, i));
      runStart = i + 1;
    } else {
      raw[length++] = i;
    }
  }
  if (runStart < text.length) pieces.push(text.slice(runStart));
  raw[length] = text.length;
  const value = { ink: pieces.join(''), raw: raw.subarray(0, length + 1) };
  cached = { text, value };
  return value;
}

/** The ink of `text`, without the offset map. */
export function inkOf(text: string): string {
  let out = '';
  let runStart = 0;
  for (let i = 0; i < text.length; i++) {
    if (isBlank(text.charCodeAt(i))) {
      if (runStart < i) out += text.slice(runStart, i);
      runStart = i + 1;
    }
  }
  return runStart === 0 ? text : out + text.slice(runStart);
}

/** Raw span of the ink span `[start, end)`; blank characters around it are left out. */
export function inkToRawSpan(text: InkText, start: number, end: number): TextSpan {
  const rawStart = text.raw[start] ?? text.raw[text.ink.length] ?? 0;
  if (end <= start) return { start: rawStart, end: rawStart };
  const last = text.raw[end - 1] ?? rawStart;
  return { start: rawStart, end: last + 1 };
}

/** Number of ink characters before the raw offset `offset`. */
export function rawToInkOffset(text: InkText, offset: number): number {
  let low = 0;
  let high = text.ink.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((text.raw[mid] ?? Infinity) < offset) low = mid + 1;
    else high = mid;
  }
  return low;
}
