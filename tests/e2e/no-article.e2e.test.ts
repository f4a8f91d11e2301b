import { describe, expect, it } from 'vitest';
import { openPopupFor } from '@/scripts/support/extension-browser';
import { useExtensionSession } from './support/session';

describe('a page with no article', () => {
  const session = useExtensionSession();

  it('says there is no article, then clips the selection instead', async () => {
    const page = await session.browser.context.newPage();
    await page.goto(session.server.url('pages/link-list.html'));
    await page.evaluate(() => {
      const note = document.getElementById('note')!;
      const range = document.createRange();
      range.selectNodeContents(note);
      const selection = window.getSelection()!;
      selection.removeAllRanges();
      selection.addRange(range);
    });
    const popup = await openPopupFor(session.browser, page);

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
