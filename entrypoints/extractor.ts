import { defineUnlistedScript } from '#imports';
import { extractArticle, extractSelection, type ClipResult } from '@/lib/extract/extract-article';

declare global {
  // Set in the extension's isolated world of the tab; the page itself cannot see or call it.
  var gleanerClip: ((mode: 'article' | 'selection') => ClipResult) | undefined;
}

/** Injected into the tab the user clicked on; the background then calls `gleanerClip(mode)`. */
export default defineUnlistedScript(() => {
  globalThis.gleanerClip = (mode) => {
    try {
      return mode === 'selection'
        ? extractSelection(document, location.href)
        : extractArticle(document, location.href);
    } catch (error) {
      return {
        ok: false,
        error: {
          code: 'extraction-failed',
          message: `This page could not be read: ${error instanceof Error ? error.message : String(error)}`,
        },
      };
    }
  };
});
