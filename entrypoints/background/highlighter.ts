import { browser } from '#imports';

const SCRIPT_ID = 'gleaner-highlighter';
/** The optional host access a user grants for "Show my highlights when I come back to a page". */
export const REVISIT_ORIGINS = ['<all_urls>'];

/** Puts the page highlighter in a tab we may access (activeTab after a click, or opted-in hosts). */
export async function ensureHighlighter(tabId: number): Promise<void> {
  await browser.scripting.insertCSS({ target: { tabId }, files: ['/highlighter.css'] });
  await browser.scripting.executeScript({ target: { tabId }, files: ['/highlighter.js'] });
}

/**
 * Highlights the selection in the tab (context menu, keyboard shortcut). Resolves to why it could
 * not (nothing selected, not saved), or null.
 */
export async function highlightSelectionInTab(tabId: number): Promise<string | null> {
  await ensureHighlighter(tabId);
  const [frame] = await browser.scripting.executeScript({
    target: { tabId },
    func: () => globalThis.gleanerHighlighter?.highlightSelection() ?? null,
  });
  return (frame?.result as string | null | undefined) ?? null;
}

/**
 * With the user's opt-in, the highlighter runs on every page so saved highlights come back on
 * revisit; without it, nothing of ours runs on pages until the user clicks.
 */
export async function syncRevisitScript(): Promise<void> {
  const granted = await browser.permissions.contains({ origins: REVISIT_ORIGINS });
  const registered = await browser.scripting.getRegisteredContentScripts({ ids: [SCRIPT_ID] });
  if (granted && !registered.length) {
    await browser.scripting.registerContentScripts([
      {
        id: SCRIPT_ID,
        matches: ['http://*/*', 'https://*/*'],
        js: ['highlighter.js'],
        css: ['highlighter.css'],
        runAt: 'document_idle',
        persistAcrossSessions: true,
      },
    ]);
  } else if (!granted && registered.length) {
    await browser.scripting.unregisterContentScripts({ ids: [SCRIPT_ID] });
  }
}
