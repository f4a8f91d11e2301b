import { defineUnlistedScript } from '#imports';
import type { ClipResult, ExtractionRule } from '@/lib/extract/extract-article';
import { clipPage } from '@/lib/extract/clip-page';

declare global {
  // Set in the extension's isolated world of the tab; the page itself cannot see or call it.
  var gleanerClip:
    ((mode: 'article' | 'selection', siteRules?: ExtractionRule[]) => ClipResult) | undefined;
}

/** Injected into the tab the user clicked on; the background then calls `gleanerClip(mode)`. */
export default defineUnlistedScript(() => {
  globalThis.gleanerClip = (mode, siteRules) => clipPage(document, location.href, mode, siteRules);
});
