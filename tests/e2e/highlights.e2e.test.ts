import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { openPopupFor, tabIdOf } from '@/scripts/support/extension-browser';
import { useExtensionSession } from './support/session';

const PAGE = 'pages/eastmoney-36kr-wecom.html';
const FIRST = '企业微信成为了这一命题的最优解。';
const SECOND = '人不应该被定义成流量，更不能被当作一个要被割的韭菜。';
const ORIGINAL = readFileSync(`tests/fixtures/${PAGE}`, 'utf8');

declare const gleanerDevtools: {
  onContextMenuClicked(info: { menuItemId: string }, tab: { id: number }): Promise<void>;
};

/** Selects the first occurrence of `text` on the page and lifts the mouse, as a user does. */
async function selectText(page: Page, text: string): Promise<void> {
  await page.evaluate((wanted) => {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.nodeValue?.indexOf(wanted) ?? -1;
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + wanted.length);
      const selection = window.getSelection()!;
      selection.removeAllRanges();
      selection.addRange(range);
      const rect = range.getBoundingClientRect();
      document.dispatchEvent(
        new MouseEvent('mouseup', { bubbles: true, clientX: rect.right, clientY: rect.bottom }),
      );
      return;
    }
    throw new Error(`"${wanted}" is not on the page`);
  }, text);
}

/** The text of each painted highlight on the page, by highlight id. */
function paintedTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const byId = new Map<string, string>();
    for (const mark of document.querySelectorAll('mark[data-gleaner-highlight]')) {
      const id = mark.getAttribute('data-gleaner-highlight')!;
      byId.set(id, (byId.get(id) ?? '') + mark.textContent);
    }
    return [...byId.values()].sort();
  });
}

/** The newest post in `dir` once there are more than `known` of them. */
async function waitForNewFile(dir: string, known: number): Promise<string> {
  for (let tries = 0; tries < 150; tries += 1) {
    const names = existsSync(dir) ? readdirSync(dir).filter((file) => file.endsWith('.md')) : [];
    if (names.length > known) {
      const newest = names
        .map((name) => ({ name, time: statSync(path.join(dir, name)).mtimeMs }))
        .sort((a, b) => b.time - a.time)[0]!;
      return path.join(dir, newest.name);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no new post in ${dir}`);
}

describe('highlights on the page and in the popup', () => {
  const session = useExtensionSession();
  let page: Page;

  beforeAll(async () => {
    page = await session.browser.context.newPage();
    await page.goto(session.server.url(PAGE));
  });

  async function clickToolbarAndWait(): Promise<Page> {
    const popup = await openPopupFor(session.browser, page);
    await popup.getByTestId('clip-title').waitFor({ timeout: 20_000 });
    return popup;
  }

  it('highlights with the floating button and the context menu, and keeps a note', async () => {
    const popup = await clickToolbarAndWait();
    await popup.close();

    await selectText(page, FIRST);
    await page.getByTestId('highlight-button').click();
    await expect.poll(() => paintedTexts(page)).toEqual([FIRST]);

    await selectText(page, SECOND);
    const tabId = await tabIdOf(session.browser, page.url());
    const worker = await session.browser.worker();
    await worker.evaluate(
      (id) =>
        gleanerDevtools.onContextMenuClicked({ menuItemId: 'gleaner-highlight-selection' }, { id }),
      tabId,
    );
    await expect.poll(() => paintedTexts(page)).toEqual([FIRST, SECOND].sort());

    const again = await clickToolbarAndWait();
    await expect.poll(() => again.getByTestId('highlight-item').count()).toBe(2);
    await expect
      .poll(() => again.getByTestId('status').textContent())
      .toContain('Saved in your library');
    const first = again.getByTestId('highlight-item').filter({ hasText: FIRST });
    await first.getByTestId('highlight-note').fill('关键结论');
    await first.getByTestId('highlight-note').press('Tab');
    // The note is stored: a fresh popup shows it.
    await again.close();
    const fresh = await clickToolbarAndWait();
    await expect
      .poll(() =>
        fresh
          .getByTestId('highlight-item')
          .filter({ hasText: FIRST })
          .getByTestId('highlight-note')
          .inputValue(),
      )
      .toBe('关键结论');
    await fresh.close();
  });

  it('paints them again after a reload, and exports them marked in the post', async () => {
    await page.reload();
    expect(await paintedTexts(page)).toEqual([]);
    const popup = await clickToolbarAndWait();
    await expect.poll(() => paintedTexts(page)).toEqual([FIRST, SECOND].sort());
    expect(await popup.getByTestId('highlight-quote').allTextContents()).toEqual(
      expect.arrayContaining([FIRST, SECOND]),
    );
    expect(await popup.locator('[data-testid="article-preview"] mark').count()).toBeGreaterThan(1);

    await popup.getByTestId('export-button').click();
    const post = readFileSync(
      await waitForNewFile(path.join(session.downloadsDir, '_posts'), 0),
      'utf8',
    );
    const [body, closing] = post.split('\n## Highlights\n');
    expect(body).toContain(`<mark>${FIRST}</mark>`);
    expect(body).toContain(`<mark>${SECOND}</mark>`);
    // The closing section: each quote as a blockquote, then its note.
    expect(closing).toContain(`> ${FIRST}\n\n关键结论`);
    expect(closing).toContain(`> ${SECOND}`);
    await popup.close();
  });

  it('finds them on a changed page, and lists a vanished passage as orphaned', async () => {
    const changed = ORIGINAL.replace(
      `<p>${FIRST}</p>`,
      `<p>（推广）点击领取新人红包，限时有效。</p><p>${FIRST}</p>`,
    ).replace('百果园展区', '百果园展台');
    expect(changed).not.toBe(ORIGINAL);
    session.server.override(PAGE, changed);
    await page.reload();
    let popup = await clickToolbarAndWait();
    await expect.poll(() => paintedTexts(page)).toEqual([FIRST, SECOND].sort());
    await popup.close();

    session.server.override(PAGE, ORIGINAL.replace(`<p>${FIRST}</p>`, ''));
    await page.reload();
    popup = await clickToolbarAndWait();
    await expect.poll(() => popup.getByTestId('orphan-item').count()).toBe(1);
    expect(await popup.getByTestId('orphan-item').textContent()).toContain(FIRST);
    expect(await popup.getByTestId('highlight-item').count()).toBe(1);
    await expect.poll(() => paintedTexts(page)).toEqual([SECOND]);
    // Orphaned, and still exported: in the Highlights section, not marked in the body.
    await popup.getByTestId('export-button').click();
    const post = readFileSync(
      await waitForNewFile(path.join(session.downloadsDir, '_posts'), 1),
      'utf8',
    );
    const [body, closing] = post.split('\n## Highlights\n');
    expect(body).not.toContain(FIRST);
    expect(closing).toContain(`> ${FIRST}\n\n关键结论`);
    session.server.override(PAGE, null);
  });

  it('highlights in the popup preview, recolours, deletes and undoes', async () => {
    await page.reload();
    const popup = await clickToolbarAndWait();
    await expect.poll(() => popup.getByTestId('highlight-item').count()).toBe(2);
    const third = '百果园已经用企业微信管理了旗下 5000 家门店';
    await popup.evaluate((wanted) => {
      const preview = document.querySelector('[data-testid="article-preview"]')!;
      const walker = document.createTreeWalker(preview, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.nodeValue?.indexOf(wanted) ?? -1;
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + wanted.length);
        window.getSelection()!.removeAllRanges();
        window.getSelection()!.addRange(range);
        preview.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
        return;
      }
      throw new Error('not in the preview');
    }, third);
    await popup.getByTestId('preview-highlight-button').click();
    await expect.poll(() => popup.getByTestId('highlight-item').count()).toBe(3);
    await expect
      .poll(() => popup.locator('[data-testid="article-preview"] mark').allTextContents())
      .toContain(third);

    const item = popup.getByTestId('highlight-item').filter({ hasText: third });
    await item.getByTestId('color-green').click();
    await expect.poll(() => item.getAttribute('class')).toContain('highlight-green');

    await item.getByTestId('highlight-delete').click();
    await expect.poll(() => popup.getByTestId('highlight-item').count()).toBe(2);
    await popup.getByTestId('undo-button').click();
    await expect.poll(() => popup.getByTestId('highlight-item').count()).toBe(3);
    expect(
      await popup.getByTestId('highlight-item').filter({ hasText: third }).getAttribute('class'),
    ).toContain('highlight-green');
    await popup.close();
  });
});
