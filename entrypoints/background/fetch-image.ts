import { browser } from '#imports';
import type { FetchedImage } from '@/lib/assets/capture-images';
import { fetchImageBytes, type PageImage } from '@/lib/assets/page-image-fetch';
import { withRefererRule, type SessionRules } from '@/lib/assets/referer-rule';

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

/** Whether the user granted host access to the image's origin (`permissions.contains`). */
export async function hasHostAccess(url: string): Promise<boolean> {
  try {
    // A match pattern names no port: it covers them all.
    const { protocol, hostname } = new URL(url);
    return await browser.permissions.contains({ origins: [`${protocol}//${hostname}/*`] });
  } catch {
    return false;
  }
}

/**
 * Fetches an image from the worker itself: hosts that allow other origins (CORS) answer, and
 * with host access any host does. With `referer`, a session rule sets it as the request's
 * `Referer` (fetch cannot) for that URL only, while the fetch runs.
 */
export async function fetchImageDirect(url: string, referer?: string): Promise<FetchedImage> {
  const fetchIt = async (): Promise<FetchedImage> => {
    const kept = await fetchImageBytes(url);
    return kept.ok ? { ok: true, blob: kept.blob, type: kept.blob.type } : kept;
  };
  if (!referer) return fetchIt();
  const rules = browser.declarativeNetRequest as unknown as SessionRules;
  const extensionHost = new URL(browser.runtime.getURL('/')).hostname;
  try {
    return await withRefererRule(
      rules,
      { imageUrl: url, articleUrl: referer, extensionHost },
      fetchIt,
    );
  } catch (error) {
    console.warn('Gleaner: the image could not be fetched with the article as referrer', error);
    return { ok: false, failure: 'unreachable' };
  }
}
