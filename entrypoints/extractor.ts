import { defineUnlistedScript } from '#imports';
import { fetchImageInPage, type PageImage } from '@/lib/assets/page-image-fetch';
import type { ClipResult, ExtractionRule } from '@/lib/extract/extract-article';
import { clipPage } from '@/lib/extract/clip-page';

declare global {
  // Set in the extension's isolated world of the tab; the page itself cannot see or call them.
  var gleanerClip:
    ((mode: 'article' | 'selection', siteRules?: ExtractionRule[]) => ClipResult) | undefined;
  var gleanerFetchImage: ((url: string) => Promise<PageImage>) | undefined;
}

/**
 * Injected into the tab the user clicked on; the background then calls `gleanerClip(mode)`, and
 * after the save `gleanerFetchImage(url)` for each image of the article.
 */
export default defineUnlistedScript(() => {
  globalThis.gleanerClip = (mode, siteRules) => clipPage(document, location.href, mode, siteRules);
  globalThis.gleanerFetchImage = (url) => fetchImageInPage(url);
});
