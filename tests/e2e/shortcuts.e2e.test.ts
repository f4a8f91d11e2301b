/**
 * Gleaner without the popup, and the popup without a mouse: the "clip" shortcut and the context
 * menus save the page and say so in a toast on it; "open library" opens it; the popup works by
 * keyboard alone, in a sensible order, with a visible focus.
 *
 * Headless Chromium neither sends browser shortcuts (a key press through DevTools reaches only the
 * page) nor shows menus, so the tests call the worker's handlers through DevTools, after a toolbar
 * click has granted activeTab as the real shortcut or menu click would.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { clickToolbarButton, tabIdOf } from '@/scripts/support/extension-browser';
import { useExtensionSession } from './support/session';

declare const gleanerDevtools: {
  onCommand(command: string, tab: { id: number }): Promise<void>;
  onContextMenuClicked(info: { menuItemId: string }, tab: { id: number }): Promise<void>;
};

describe('shortcuts, menus and the keyboard', () => {
  const session = useExtensionSession('keys');

  let opened = 0;
  /** Opens `pagePath` and grants activeTab on it, as pressing a shortcut on it does. */
  const openGranted = async (pagePath: string): Promise<{ page: Page; tabId: number }> => {
    const page = await session.browser.context.newPage();
    // A query of its own: tabs are found by URL, and an earlier test may show the same page.
    opened += 1;
    await page.goto(`${session.server.url(pagePath)}?tab=${opened}`);
    await page.bringToFront();
    await clickToolbarButton(session.browser, page);
    return { page, tabId: await tabIdOf(session.browser, page.url()) };
  };

  const command = async (name: string, tabId: number) =>
    (await session.browser.worker()).evaluate(
      ([command, id]) => gleanerDevtools.onCommand(command, { id }),
      [name, tabId] as const,
    );

  const menu = async (menuItemId: string, tabId: number) =>
    (await session.browser.worker()).evaluate(
      ([menuItemId, id]) => gleanerDevtools.onContextMenuClicked({ menuItemId }, { id }),
      [menuItemId, tabId] as const,
    );

  /** The toast's role and text, once it has its text. */
  const toastOn = async (page: Page) => {
    const toast = page.getByTestId('gleaner-toast');
    await expect.poll(() => toast.textContent(), { timeout: 20_000 }).not.toBe('');
    return { role: await toast.getAttribute('role'), text: await toast.textContent() };
  };

  it('clips the page by shortcut, says so on the page, and keeps the tags on a second clip', async () => {
    const { page, tabId } = await openGranted('pages/harbor-ferry-news.html');
    await command('clip-page', tabId);
    expect(await toastOn(page)).toEqual({ role: 'status', text: 'Saved to Gleaner' });
    // The toast is ours, in a shadow root, and never part of the page's text for anchoring.
    expect(
      await page.evaluate(() =>
        document.querySelector('gleaner-toast')?.hasAttribute('data-gleaner-ui'),
      ),
    ).toBe(true);

    // The popup finds it saved.
    const popup = await session.browser.context.newPage();
    await popup.goto(`chrome-extension://${session.browser.extensionId}/popup.html?tabId=${tabId}`);
    await expect
      .poll(() => popup.getByTestId('status').textContent(), { timeout: 20_000 })
      .toContain('Saved in your library');
    await popup.getByTestId('tag-input').fill('ferries');
    await popup.getByTestId('tag-input').press('Enter');
    await popup.getByTestId('save-button').click();
    await expect.poll(() => popup.getByTestId('status').textContent()).toContain('Updated');
    await popup.close();

    await page.keyboard.press('Escape'); // the first toast leaves on Escape
    await expect.poll(() => page.getByTestId('gleaner-toast').count()).toBe(0);
    await command('clip-page', tabId);
    expect(await toastOn(page)).toEqual({ role: 'status', text: 'Updated in Gleaner' });
    const again = await session.browser.context.newPage();
    await again.goto(`chrome-extension://${session.browser.extensionId}/popup.html?tabId=${tabId}`);
    await again.getByTestId('tag-chip').first().waitFor({ timeout: 20_000 });
    expect(await again.getByTestId('tag-chip').allTextContents()).toEqual(['ferries ×']);
    await again.close();
  });

  it('says why on the page when there is no article, and clips the selection from the menu', async () => {
    const { page, tabId } = await openGranted('pages/link-list.html');
    await command('clip-page', tabId);
    const failure = await toastOn(page);
    expect(failure.role).toBe('alert');
    expect(failure.text).toContain('No article found on this page');

    await page.keyboard.press('Escape');
    await page.evaluate(() => {
      const range = document.createRange();
      range.selectNodeContents(document.querySelector('li')!);
      window.getSelection()!.addRange(range);
    });
    await menu('gleaner-clip-selection', tabId);
    expect(await toastOn(page)).toEqual({ role: 'status', text: 'Saved to Gleaner' });
  });

  it('asks for a selection before highlighting by shortcut', async () => {
    const { page, tabId } = await openGranted('pages/harbor-ferry-news.html');
    await page.evaluate(() => window.getSelection()?.removeAllRanges());
    await command('highlight-selection', tabId);
    expect(await toastOn(page)).toEqual({
      role: 'alert',
      text: 'Select some text on the page first.',
    });
  });

  it('opens the library by shortcut', async () => {
    const { tabId } = await openGranted('pages/harbor-ferry-news.html');
    const opened = session.browser.context.waitForEvent('page');
    await command('open-library', tabId);
    const library = await opened;
    await library.waitForLoadState();
    expect(library.url()).toBe(`chrome-extension://${session.browser.extensionId}/library.html`);
  });

  it('runs the popup by keyboard alone, in order, with a visible focus', async () => {
    const page = await session.browser.context.newPage();
    await page.goto(session.server.url('pages/eastmoney-36kr-wecom.html'));
    await page.bringToFront();
    await clickToolbarButton(session.browser, page);
    const tabId = await tabIdOf(session.browser, page.url());
    const popup = await session.browser.context.newPage();
    await popup.setViewportSize({ width: 420, height: 640 });
    await popup.goto(`chrome-extension://${session.browser.extensionId}/popup.html?tabId=${tabId}`);
    await popup.getByTestId('clip-title').waitFor({ timeout: 20_000 });

    /** Presses Tab until `testId` has the focus; returns what was focused on the way. */
    const tabTo = async (testId: string): Promise<string[]> => {
      const seen: string[] = [];
      for (let i = 0; i < 40; i += 1) {
        await popup.keyboard.press('Tab');
        const focused = await popup.evaluate(() => {
          const el = document.activeElement as HTMLElement | null;
          return {
            id: el?.dataset.testid ?? el?.tagName.toLowerCase() ?? '',
            outline: el ? getComputedStyle(el).outlineStyle : 'none',
          };
        });
        expect(focused.outline, `focus ring on ${focused.id}`).not.toBe('none');
        seen.push(focused.id);
        if (focused.id === testId) return seen;
      }
      throw new Error(`Tab never reached ${testId}: ${seen.join(' → ')}`);
    };

    const order = await tabTo('open-library');
    const at = (id: string) => order.indexOf(id);
    for (const id of [
      'article-preview',
      'tag-input',
      'save-button',
      'export-button',
      'revisit-toggle',
    ])
      expect(at(id), `${id} in ${order.join(' → ')}`).toBeGreaterThanOrEqual(0);
    expect(at('article-preview')).toBeLessThan(at('tag-input'));
    expect(at('tag-input')).toBeLessThan(at('save-button'));
    expect(at('save-button')).toBeLessThan(at('export-button'));
    expect(at('export-button')).toBeLessThan(at('open-library'));

    // Shift+Tab back to the tag field, type a tag, Enter; then Tab to Save and press Enter.
    for (let i = 0; i < 40; i += 1) {
      await popup.keyboard.press('Shift+Tab');
      if (
        await popup.evaluate(
          () => (document.activeElement as HTMLElement).dataset.testid === 'tag-input',
        )
      )
        break;
    }
    await popup.keyboard.type('键盘');
    await popup.keyboard.press('Enter');
    await tabTo('save-button');
    await popup.keyboard.press('Enter');
    await expect
      .poll(() => popup.getByTestId('status').textContent())
      .toContain('Saved to your library');
    expect(await popup.getByTestId('tag-chip').allTextContents()).toContain('键盘 ×');
  });

  it('runs the options page by keyboard alone, every stop with a visible focus', async () => {
    const options = await session.browser.context.newPage();
    await options.goto(`chrome-extension://${session.browser.extensionId}/options.html`);
    await options.getByTestId('preset-select').waitFor({ timeout: 20_000 });

    const stops: string[] = [];
    for (let i = 0; i < 60; i += 1) {
      await options.keyboard.press('Tab');
      const stop = await options.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (!el || el === document.body) return null;
        // A file input is hidden inside its label, which shows the focus instead.
        const shown = el.matches('input[type=file]') ? el.closest('label')! : el;
        return {
          id: el.dataset.testid ?? `${el.tagName.toLowerCase()}:${el.textContent?.trim() ?? ''}`,
          outline: getComputedStyle(shown).outlineStyle,
        };
      });
      if (!stop) break;
      expect(stop.outline, `focus ring on ${stop.id}`).not.toBe('none');
      stops.push(stop.id);
      if (stop.id === 'settings-import') break;
    }
    for (const id of [
      'preset-select',
      'file-name-pattern',
      'template-body',
      'site-rule-add',
      'settings-export',
      'settings-import',
    ])
      expect(stops, stops.join(' → ')).toContain(id);
    expect(stops.indexOf('preset-select')).toBeLessThan(stops.indexOf('template-body'));

    // The preset changes from the keyboard and is saved at once.
    await options.getByTestId('preset-select').focus();
    await options.keyboard.press('ArrowDown');
    await expect
      .poll(() => options.getByTestId('status').textContent())
      .toBe('Exports are now Hugo posts.');
    await options.keyboard.press('ArrowUp');
    await expect
      .poll(() => options.getByTestId('status').textContent())
      .toBe('Exports are now Jekyll posts.');
  });

  it('runs the library and the reader by keyboard alone', async () => {
    const library = await session.browser.context.newPage();
    await library.goto(`chrome-extension://${session.browser.extensionId}/library.html`);
    await expect
      .poll(() => library.getByTestId('library-count').getAttribute('data-ready'), {
        timeout: 20_000,
      })
      .toBe('true');
    const focusedTestId = () =>
      library.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.testid ?? '');
    const tabTo = async (testId: string) => {
      for (let i = 0; i < 40; i += 1) {
        await library.keyboard.press('Tab');
        const outline = await library.evaluate(() => {
          const el = document.activeElement as HTMLElement;
          // A date field's calendar button is inside the browser's own shadow root, which draws
          // its focus ring where the page's styles cannot see it.
          if (el.matches('input[type=date]:not(:focus)')) return 'native';
          return getComputedStyle(el.matches('input[type=file]') ? el.closest('label')! : el)
            .outlineStyle;
        });
        expect(outline, `focus ring on ${await focusedTestId()}`).not.toBe('none');
        if ((await focusedTestId()) === testId) return;
      }
      throw new Error(`Tab never reached ${testId}`);
    };

    // Search from the keyboard, then open the one match with Enter.
    await tabTo('search-input');
    await library.keyboard.type('ferries');
    await expect.poll(() => library.getByTestId('article-row').count()).toBe(1);
    await tabTo('row-title');
    await library.keyboard.press('Enter');
    await library.getByTestId('reader-title').waitFor();
    // The reader has the focus and is a modal dialog: the list behind it is inert.
    expect(await focusedTestId()).toBe('reader-title');
    expect(await library.locator('main.library').getAttribute('inert')).not.toBeNull();
    // Escape closes it and the focus goes back to the title that opened it.
    await library.keyboard.press('Escape');
    await expect.poll(() => library.getByTestId('reader-view').count()).toBe(0);
    await expect.poll(focusedTestId).toBe('row-title');
  });
});
