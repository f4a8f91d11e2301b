/**
 * W3C Web Annotation selectors (https://www.w3.org/TR/annotation-model/#selectors), the only
 * form in which a highlight's place is stored. Plain data, so it crosses messaging and Dexie.
 */

/** The highlighted text with a little of the text around it, to find it again after edits. */
export interface TextQuoteSelector {
  type: 'TextQuoteSelector';
  exact: string;
  prefix: string;
  suffix: string;
}

/** Offsets into the text of the root the highlight was made in (UTF-16 code units). */
export interface TextPositionSelector {
  type: 'TextPositionSelector';
  start: number;
  end: number;
}

export type Selector = TextQuoteSelector | TextPositionSelector;

/** A half-open range `[start, end)` of offsets into a text. */
export interface TextSpan {
  start: number;
  end: number;
}

/** How a highlight was re-attached, from most to least certain. */
export type AnchorMethod = 'position' | 'exact' | 'fuzzy';
