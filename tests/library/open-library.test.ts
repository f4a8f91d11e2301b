import { fakeBrowser } from 'wxt/testing/fake-browser';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createLibraryMenu,
  listenToLibraryMenu,
  OPEN_LIBRARY_MENU,
} from '@/lib/library/open-library';

beforeEach(() => fakeBrowser.reset());

describe('the "Open library" menu entry', () => {
  it('is created on the toolbar button and on pages, and opens library.html', async () => {
    const create = vi.spyOn(fakeBrowser.contextMenus, 'create').mockImplementation(() => 1);
    const open = vi.spyOn(fakeBrowser.tabs, 'create');
    createLibraryMenu();
    expect(create).toHaveBeenCalledWith(
      { id: OPEN_LIBRARY_MENU, title: 'Open library', contexts: ['action', 'page'] },
      expect.any(Function),
    );
    let onClicked: ((info: { menuItemId: string }) => void) | undefined;
    vi.spyOn(fakeBrowser.contextMenus.onClicked, 'addListener').mockImplementation((listener) => {
      onClicked = listener as typeof onClicked;
    });
    listenToLibraryMenu();
    onClicked?.({ menuItemId: OPEN_LIBRARY_MENU });
    expect(open).toHaveBeenCalledWith({ url: expect.stringMatching(/\/library\.html$/) });
  });
});
