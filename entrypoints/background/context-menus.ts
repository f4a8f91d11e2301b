import { browser } from '#imports';
import { t } from '@/lib/i18n';
import type { createHandlers } from '@/lib/messaging/handlers';
import { highlightWithToast, quickClip } from './shortcuts';

type Handlers = ReturnType<typeof createHandlers>;

export const MENU = {
  clipPage: 'gleaner-clip-page',
  clipSelection: 'gleaner-clip-selection',
  highlightSelection: 'gleaner-highlight-selection',
} as const;

/** Created on install and update, in the browser's language (menus persist across restarts). */
export function createContextMenus(): void {
  const item = (id: string, title: string, contexts: ['page'] | ['selection']) =>
    browser.contextMenus.create(
      { id, title, contexts },
      // Already there after an update: nothing to do (reading lastError keeps it from being logged).
      () => void browser.runtime.lastError,
    );
  item(MENU.clipPage, t('menu_clip_page'), ['page']);
  item(MENU.clipSelection, t('menu_clip_selection'), ['selection']);
  item(MENU.highlightSelection, t('menu_highlight_selection'), ['selection']);
}

interface MenuClick {
  menuItemId: string | number;
}

export async function onContextMenuClicked(
  handlers: Handlers,
  info: MenuClick,
  tab?: { id?: number },
): Promise<void> {
  const tabId = tab?.id;
  if (tabId === undefined) return;
  if (info.menuItemId === MENU.clipPage) await quickClip(handlers, tabId, 'article');
  else if (info.menuItemId === MENU.clipSelection) await quickClip(handlers, tabId, 'selection');
  else if (info.menuItemId === MENU.highlightSelection) await highlightWithToast(tabId);
}

/** Registered at start-up: a menu click grants activeTab on the tab it was made in. */
export function listenToContextMenus(handlers: Handlers): void {
  browser.contextMenus.onClicked.addListener((info, tab) => {
    void onContextMenuClicked(handlers, info, tab).catch((error: unknown) =>
      console.warn('Gleaner: menu action failed', error),
    );
  });
}
