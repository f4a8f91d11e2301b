import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { launchExtensionBrowser, openPopupFor } from '@/scripts/support/extension-browser';
import { useExtensionSession } from './support/session';

const PAGE = 'pages/eastmoney-36kr-wecom.html';

/** Articles in the extension's real IndexedDB, read from one of its pages (the worker may be stopped). */
async function storedArticles(
  extensionPage: Page,
): Promise<Array<{ url: string; textLength: number }>> {
  return extensionPage.evaluate(
    () =>
      new Promise<Array<{ url: string; textLength: number }>>((resolve, reject) => {
        const open = indexedDB.open('gleaner');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const all = db.transaction('articles').objectStore('articles').getAll();
          all.onsuccess = () => {
            resolve(
              (all.result as Array<{ url: string; text: string }>).map((a) => ({
                url: a.url,
                textLength: a.text.length,
              })),
            );
            db.close();
          };
        };
      }),
  );
}

describe('storage faults', () => {
  const session = useExtensionSession();

  it('two popups saving the same page at once keep one article', async () => {
    const page = await session.browser.context.newPage();
    await page.goto(session.server.url(PAGE));
    const first = await openPopupFor(session.browser, page);
    const second = await openPopupFor(session.browser, page);
    await first.getByTestId('clip-title').waitFor({ timeout: 20_000 });
    await second.getByTestId('clip-title').waitFor({ timeout: 20_000 });
    await Promise.all([
      first.getByTestId('save-button').click(),
      second.getByTestId('save-button').click(),
    ]);
    await expect
      .poll(() => first.getByTestId('status').textContent())
      .toMatch(/Saved to|Updated in/);
    await expect
      .poll(() => second.getByTestId('status').textContent())
      .toMatch(/Saved to|Updated in/);
    expect(await storedArticles(first)).toHaveLength(1);
    await Promise.all([first.close(), second.close(), page.close()]);
  });

  it('a full disk gives a message and no partial article', async () => {
    // A profile on its own small disk, filled up: what happens to a user whose disk is full.
    const disk = mkdtempSync(path.join(tmpdir(), 'gleaner-small-disk-'));
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=96m', 'tmpfs', disk]);
    const small = await launchExtensionBrowser({ profileDir: path.join(disk, 'profile') });
    const filler = path.join(disk, 'filler');
    try {
      const page = await small.context.newPage();
      await page.goto(session.server.url(PAGE));
      const popup = await openPopupFor(small, page);
      await popup.getByTestId('clip-title').waitFor({ timeout: 20_000 });
      const before = await storedArticles(popup);
      try {
        execFileSync('dd', ['if=/dev/zero', `of=${filler}`, 'bs=1M', 'count=200'], {
          stdio: 'ignore',
        });
      } catch {
        // dd stops with "No space left on device": the disk is full, which is the point.
      }
      await popup.getByTestId('save-button').click();
      await expect
        .poll(() => popup.getByTestId('status').textContent(), { timeout: 20_000 })
        .toMatch(/Nothing was saved/);
      // Room again (the full disk cannot even be read): nothing partial was kept, and the same
      // popup saves the whole article.
      rmSync(filler);
      expect(await storedArticles(popup)).toEqual(before);
      await popup.getByTestId('save-button').click();
      await expect
        .poll(() => popup.getByTestId('status').textContent(), { timeout: 20_000 })
        .toContain('Saved to your library');
      expect(await storedArticles(popup)).toHaveLength(before.length + 1);
    } finally {
      await small.close().catch(() => undefined);
      execFileSync('umount', ['-l', disk]);
      rmSync(disk, { recursive: true, force: true });
    }
  });

  it('a worker stopped in the middle of a save keeps the article whole or not at all, and the popup recovers', async () => {
    const sentence =
      'The harbour board met late into the night to settle the ferry budget for next year. ';
    const outcomes: string[] = [];
    // The stop lands at different moments of the save: before, during and after the write.
    for (const delayMs of [0, 10, 30, 80]) {
      const name = `pages/long-report-${delayMs}.html`;
      session.server.override(
        name,
        `<!DOCTYPE html><html lang="en"><head><title>Long council report ${delayMs}</title></head><body><article>${`<p>${sentence.repeat(40)}</p>`.repeat(400)}</article></body></html>`,
      );
      const page = await session.browser.context.newPage();
      await page.goto(session.server.url(name));
      const popup = await openPopupFor(session.browser, page);
      await popup.getByTestId('clip-title').waitFor({ timeout: 30_000 });
      const expectedLength = await popup.evaluate(
        () => document.querySelector('[data-testid="article-preview"]')!.textContent!.length,
      );
      const cdp = await session.browser.context.newCDPSession(popup);
      await cdp.send('ServiceWorker.enable');

      await popup.getByTestId('save-button').click();
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      await cdp.send('ServiceWorker.stopAllWorkers');
      await expect
        .poll(() => popup.getByTestId('save-button').isEnabled(), { timeout: 30_000 })
        .toBe(true);

      const stored = (await storedArticles(popup)).filter((article) => article.url.endsWith(name));
      const said = await popup.getByTestId('status').textContent();
      outcomes.push(`${delayMs} ms: "${said}", ${stored.length} stored`);
      expect(stored.length).toBeLessThanOrEqual(1);
      // Whole or nothing: a stored article has all of its text.
      for (const article of stored)
        expect(article.textLength).toBeGreaterThan(expectedLength * 0.9);

      // The popup recovers: the next save reaches a fresh worker and is kept.
      await popup.getByTestId('save-button').click();
      await expect
        .poll(() => popup.getByTestId('status').textContent(), { timeout: 30_000 })
        .toMatch(/Saved to your library|Updated in your library/);
      expect(
        (await storedArticles(popup)).filter((article) => article.url.endsWith(name)),
      ).toHaveLength(1);
      await Promise.all([popup.close(), page.close()]);
      session.server.override(name, null);
    }
    console.log(`worker stopped during save:\n${outcomes.join('\n')}`);
  }, 240_000);
});
