/**
 * Performance marks a clip leaves in the popup and the background (extension contexts: web pages
 * never see them). `npm run bench:popup` reads them to break the time to the title down.
 */
export const CLIP_MARKS = {
  popupScript: 'gleaner:popup-script',
  extractRequested: 'gleaner:extract-requested',
  extractReceived: 'gleaner:extract-received',
  extractorInjected: 'gleaner:extractor-injected',
  extractionDone: 'gleaner:extraction-done',
  extractAnswered: 'gleaner:extract-answered',
  titleShown: 'gleaner:title-shown',
} as const;

export type ClipMark = (typeof CLIP_MARKS)[keyof typeof CLIP_MARKS];

/** Keeps only the latest of each mark, so a long-lived worker does not pile them up. */
export function markClipStage(mark: ClipMark): void {
  performance.clearMarks(mark);
  performance.mark(mark);
}
