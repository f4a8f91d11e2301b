/**
 * Actions without the popup, from a keyboard shortcut or a context menu: clip and save the page
 * (or the selection) at once, highlight the selection, open the library. The page says what
 * happened in a toast, since nothing else of ours is on screen.
 */
import { browser } from '#imports';
import { t } from '@/lib/i18n';
import { openLibrary } from '@/lib/library/open-library';
import type { createHandlers } from '@/lib/messaging/handlers';
import { showToast } from '@/lib/page/toast';
import { highlightSelectionInTab } from './highlighter';

type Handlers = ReturnType<typeof createHandlers>;

/** The commands of the manifest, besides `_execute_action` (which the browser handles). */
export const COMMANDS = {
  clipPage: 'clip-page',
  highlightSelection: 'highlight-selection',
  openLibrary: 'open-library',
} as const;

/** Shows a toast on the tab; a tab we may not script (a browser page) just gets none. */
export async function toast(tabId: number, message: string, tone: 'success' | 'error') {
  await browser.scripting
    .executeScript({ target: { tabId }, func: showToast, args: [message, tone, t('lang')] })
    .catch((error: unknown) => console.warn('Gleaner: no toast on this tab', error));
}

/** Clips the tab and saves the clip, keeping the tags of an earlier save; the page shows the outcome. */
export async function quickClip(
  handlers: Handlers,
  tabId: number,
  mode: 'article' | 'selection',
): Promise<boolean> {
  const clip = await handlers['clip:extract']({ type: 'clip:extract', tabId, mode });
  if (!clip.ok) {
    await toast(tabId, clip.error.message, 'error');
    return false;
  }
  const found = await handlers['article:find']({
    type: 'article:find',
    urls: [clip.value.canonicalUrl, clip.value.url],
  });
  const tags = found.ok && found.value ? found.value.tags : [];
  // The tab goes with the save: its images are kept after it, as from the popup.
  const saved = await handlers['article:save']({
    type: 'article:save',
    article: clip.value,
    tags,
    tabId,
  });
  if (!saved.ok) {
    await toast(tabId, saved.error.message, 'error');
    return false;
  }
  await toast(tabId, saved.value.created ? t('toast_saved') : t('toast_updated'), 'success');
  return true;
}

/** Highlights the selection; when there is none (or it fails) the page says why. */
export async function highlightWithToast(tabId: number): Promise<void> {
  const problem = await highlightSelectionInTab(tabId).catch(() => t('error_cannot_access_page'));
  if (problem) await toast(tabId, problem, 'error');
}

async function activeTabId(): Promise<number | undefined> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id;
}

/** Runs a keyboard command (a command grants activeTab on the tab it was pressed in). */
export async function runCommand(
  handlers: Handlers,
  command: string,
  tab?: { id?: number },
): Promise<void> {
  if (command === COMMANDS.openLibrary) {
    await openLibrary();
    return;
  }
  const tabId = tab?.id ?? (await activeTabId());
  if (tabId === undefined) return;
  if (command === COMMANDS.clipPage) await quickClip(handlers, tabId, 'article');
  else if (command === COMMANDS.highlightSelection) await highlightWithToast(tabId);
}
