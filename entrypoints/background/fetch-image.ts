import { browser } from '#imports';
import type { FetchedImage } from '@/lib/assets/capture-images';
import { fetchImageBytes, type PageImage } from '@/lib/assets/page-image-fetch';

function askTab(tabId: number, url: string) {
  return browser.scripting.executeScript({
    target: { tabId },
    func: (imageUrl: string) => globalThis.gleanerFetchImage?.(imageUrl) ?? null,
    args: [url],
  });
}

/**
 * Fetches an image from the tab the article was clipped from (activeTab, granted by the click,
 * lets us run there): the request is the page's own, with its cookies and referrer.
 */
export async function fetchImageInTab(tabId: number, url: string): Promise<FetchedImage> {
  try {
    let [frame] = await askTab(tabId, url);
    if (!frame?.result) {
      // The extractor (which carries the fetch) is gone, e.g. after a shortcut's clip: put it back.
      await browser.scripting.executeScript({ target: { tabId }, files: ['/extractor.js'] });
      [frame] = await askTab(tabId, url);
    }
    const page = frame?.result as PageImage | null | undefined;
    if (!page) return { ok: false, failure: 'no-access' };
    if (!page.ok) return page;
    const blob = await (await fetch(page.dataUrl)).blob();
    return { ok: true, blob, type: blob.type };
  } catch {
    // The tab was closed or navigated away: the grant to run there is gone.
    return { ok: false, failure: 'no-access' };
  }
}

/** Fetches an image from the worker itself: hosts that allow other origins (CORS) answer. */
export async function fetchImageDirect(url: string): Promise<FetchedImage> {
  const kept = await fetchImageBytes(url);
  return kept.ok ? { ok: true, blob: kept.blob, type: kept.blob.type } : kept;
}
