import { browser } from '#imports';
import { highlightSelectionInTab } from './highlighter';

const HIGHLIGHT_SELECTION = 'gleaner-highlight-selection';

export function createContextMenus(): void {
  browser.contextMenus.create({
    id: HIGHLIGHT_SELECTION,
    title: 'Highlight selection',
    contexts: ['selection'],
  });
}

interface MenuClick {
  menuItemId: string | number;
}

export async function onContextMenuClicked(info: MenuClick, tab?: { id?: number }): Promise<void> {
  if (info.menuItemId === HIGHLIGHT_SELECTION && tab?.id !== undefined) {
    await highlightSelectionInTab(tab.id);
  }
}

/** Registered at start-up: a menu click grants activeTab on the tab it was made in. */
export function listenToContextMenus(): void {
  browser.contextMenus.onClicked.addListener((info, tab) => {
    void onContextMenuClicked(info, tab).catch((error: unknown) =>
      console.warn('Gleaner: menu action failed', error),
    );
  });
}
