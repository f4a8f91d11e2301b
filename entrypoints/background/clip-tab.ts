import { browser } from '#imports';
import type { ClipResult, ExtractionRule } from '@/lib/extract/extract-article';
import { CLIP_MARKS, markClipStage } from '@/lib/clip-marks';
import { t } from '@/lib/i18n';
import { loadSettings } from '@/lib/settings/store';
import { ensureHighlighter } from './highlighter';

/** A page that takes longer than this to read gets a message instead of an endless wait. */
export const CLIP_TIMEOUT_MS = 30_000;

function failure(
  code: Extract<ClipResult, { ok: false }>['error']['code'],
  message: string,
): ClipResult {
  return { ok: false, error: { code, message } };
}

/** The user's site rules, as the extractor reads them (their content and clutter selectors). */
async function userExtractionRules(): Promise<ExtractionRule[]> {
  const { siteRules } = await loadSettings();
  return siteRules.map(({ pattern, contentSelector, clutterSelectors }) => ({
    pattern,
    contentSelector,
    clutterSelectors,
  }));
}

async function runExtractor(tabId: number, mode: 'article' | 'selection'): Promise<ClipResult> {
  // The settings are read while the extractor is injected: neither waits for the other.
  const rules = userExtractionRules().catch(() => []);
  await browser.scripting.executeScript({ target: { tabId }, files: ['/extractor.js'] });
  markClipStage(CLIP_MARKS.extractorInjected);
  const [frame] = await browser.scripting.executeScript({
    target: { tabId },
    func: (clipMode: 'article' | 'selection', siteRules: ExtractionRule[]) =>
      globalThis.gleanerClip?.(clipMode, siteRules),
    args: [mode, await rules],
  });
  markClipStage(CLIP_MARKS.extractionDone);
  return (
    (frame?.result as ClipResult | undefined) ?? failure('extraction-failed', t('error_no_answer'))
  );
}

/** Injects the extractor into the tab (activeTab grants it on the toolbar click) and runs it. */
export async function clipTab(tabId: number, mode: 'article' | 'selection'): Promise<ClipResult> {
  markClipStage(CLIP_MARKS.extractReceived);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<ClipResult>((resolve) => {
    timer = setTimeout(() => resolve(failure('too-slow', t('error_too_slow'))), CLIP_TIMEOUT_MS);
  });
  try {
    const result = await Promise.race([runExtractor(tabId, mode), timeout]);
    // The click that opened the popup also brings the page's saved highlights back; the popup
    // does not wait for it.
    if (result.ok) void ensureHighlighter(tabId).catch(() => undefined);
    return result;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/No tab with id/i.test(message)) return failure('tab-not-found', t('error_tab_closed'));
    return failure('cannot-access-page', t('error_cannot_access_page'));
  } finally {
    clearTimeout(timer);
  }
}
