/** "Open library": a context-menu entry (on the toolbar button and on pages) that opens the page. */
import { browser } from 'wxt/browser';
import { t } from '../i18n';

export const OPEN_LIBRARY_MENU = 'gleaner-open-library';

export function openLibrary(): Promise<unknown> {
  return browser.tabs.create({ url: browser.runtime.getURL('/library.html') });
}

/** Called on install and update (menus persist across service-worker restarts). */
export function createLibraryMenu(): void {
  browser.contextMenus.create(
    { id: OPEN_LIBRARY_MENU, title: t('menu_open_library'), contexts: ['action', 'page'] },
    // Already there after an update: nothing to do (reading lastError keeps it from being logged).
    () => void browser.runtime.lastError,
  );
}

/** Registered at start-up, like every listener of the worker. */
export function listenToLibraryMenu(): void {
  browser.contextMenus.onClicked.addListener((info) => {
    if (info.menuItemId === OPEN_LIBRARY_MENU) void openLibrary();
  });
}
