import { browser } from '#imports';
import type { ClipResult } from '@/lib/extract/extract-article';

const CANNOT_ACCESS =
  'Gleaner cannot read this tab. Click the Gleaner button while the article is the open tab (browser pages and extension stores cannot be clipped).';

/** Injects the extractor into the tab (activeTab grants it on the toolbar click) and runs it. */
export async function clipTab(tabId: number, mode: 'article' | 'selection'): Promise<ClipResult> {
  try {
    await browser.scripting.executeScript({ target: { tabId }, files: ['/extractor.js'] });
    const [frame] = await browser.scripting.executeScript({
      target: { tabId },
      func: (clipMode: 'article' | 'selection') => globalThis.gleanerClip?.(clipMode),
      args: [mode],
    });
    const result = frame?.result as ClipResult | undefined;
    if (!result)
      return {
        ok: false,
        error: { code: 'extraction-failed', message: 'The page gave no answer.' },
      };
    return result;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/No tab with id/i.test(message)) {
      return { ok: false, error: { code: 'tab-not-found', message: 'That tab is closed.' } };
    }
    return { ok: false, error: { code: 'cannot-access-page', message: CANNOT_ACCESS } };
  }
}
