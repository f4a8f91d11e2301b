import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  launchExtensionBrowser,
  openPopupFor,
  type ExtensionBrowser,
} from '@/scripts/support/extension-browser';
import { serveFolder, type StaticServer } from '@/scripts/support/static-server';

describe('a page with no article', () => {
  let server: StaticServer;
  let browser: ExtensionBrowser;
  const work = mkdtempSync(path.join(tmpdir(), 'gleaner-e2e-'));

  beforeAll(async () => {
    server = await serveFolder('tests/fixtures');
    browser = await launchExtensionBrowser({ profileDir: path.join(work, 'profile') });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('says there is no article, then clips the selection instead', async () => {
    const page = await browser.context.newPage();
    await page.goto(server.url('pages/link-list.html'));
    await page.evaluate(() => {
      const note = document.getElementById('note')!;
      const range = document.createRange();
      range.selectNodeContents(note);
      const selection = window.getSelection()!;
      selection.removeAllRanges();
      selection.addRange(range);
    });
    const popup = await openPopupFor(browser, page);

    await expect
      .poll(() => popup.getByTestId('status').textContent(), { timeout: 20_000 })
      .toContain('No article found');
    expect(await popup.getByTestId('save-button').count()).toBe(0);

    await popup.getByTestId('clip-selection-button').click();
    await expect
      .poll(() => popup.getByTestId('clip-title').textContent())
      .toBe("Today's headlines");
    expect(await popup.getByTestId('article-preview').textContent()).toContain(
      'seagrass survey found meadows twice as large',
    );
    expect(await popup.getByTestId('article-preview').textContent()).not.toContain('Storm warning');

    await popup.getByTestId('save-button').click();
    await expect
      .poll(() => popup.getByTestId('status').textContent())
      .toContain('Saved to your library');
  });
});
