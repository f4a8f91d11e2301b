/**
 * The popup, library, reader and options pages of the built extension, in English and in Chinese:
 * axe-core finds no serious or critical problem, `<html lang>` says the language shown, and the
 * README's screenshots are made here (docs/screenshots/<page>-<lang>.png).
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { openPopupFor } from '@/scripts/support/extension-browser';
import { useExtensionSession } from './support/session';
import { runAxe, seriousOrCritical, summarize } from './support/axe';

const SCREENSHOTS = 'docs/screenshots';

const LANGUAGES = [
  {
    browserLang: 'en-US',
    htmlLang: 'en',
    exportLabel: 'Export .md',
    // The page whose popup is shown; the other one is clipped too, so the library has two rows.
    main: { page: 'pages/harbor-ferry-news.html', tags: ['transport', 'city life'] },
    other: 'pages/eastmoney-36kr-wecom.html',
  },
  {
    browserLang: 'zh-CN',
    htmlLang: 'zh-CN',
    exportLabel: '导出 .md',
    main: { page: 'pages/eastmoney-36kr-wecom.html', tags: ['科技', '企业服务'] },
    other: 'pages/harbor-ferry-news.html',
  },
];

/** Selects the first sentence of the popup's preview and lifts the mouse. */
async function selectInPreview(popup: Page): Promise<void> {
  await popup.evaluate(() => {
    const preview = document.querySelector('[data-testid=article-preview]')!;
    const walker = document.createTreeWalker(preview, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.nodeValue ?? '';
      if (text.trim().length < 20) continue;
      const range = document.createRange();
      range.setStart(node, 0);
      range.setEnd(node, Math.min(text.length, 40));
      const selection = window.getSelection()!;
      selection.removeAllRanges();
      selection.addRange(range);
      preview.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
      return;
    }
    throw new Error('no text in the preview');
  });
}

describe.each(LANGUAGES)('the extension’s pages in $browserLang', (language) => {
  const session = useExtensionSession('a11y', { lang: language.browserLang });
  const shot = (name: string) => path.join(SCREENSHOTS, `${name}-${language.browserLang}.png`);

  /** Runs axe, logs what it found, and fails on anything serious or critical. */
  const check = async (page: Page, name: string) => {
    expect(await page.evaluate(() => document.documentElement.lang)).toBe(language.htmlLang);
    const violations = await runAxe(page);
    console.log(`axe ${name} (${language.browserLang}): ${summarize(violations)}`);
    expect(seriousOrCritical(violations)).toEqual([]);
  };

  const clip = async (pagePath: string, tags: string[]): Promise<Page> => {
    const page = await session.browser.context.newPage();
    await page.goto(session.server.url(pagePath));
    const popup = await openPopupFor(session.browser, page);
    await popup.getByTestId('clip-title').waitFor({ timeout: 20_000 });
    for (const tag of tags) {
      await popup.getByTestId('tag-input').fill(tag);
      await popup.getByTestId('tag-input').press('Enter');
    }
    await popup.getByTestId('save-button').click();
    await popup.locator('.status-success').waitFor();
    return popup;
  };

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    await (await clip(language.other, [])).close();
  });

  it('popup', async () => {
    const popup = await clip(language.main.page, language.main.tags);
    expect(await popup.getByTestId('export-button').textContent()).toBe(language.exportLabel);
    await selectInPreview(popup);
    await popup.getByTestId('preview-highlight-button').click();
    await popup.getByTestId('highlight-item').waitFor();
    await popup.evaluate(() => window.getSelection()?.removeAllRanges());
    await check(popup, 'popup');
    await popup.screenshot({ path: shot('popup'), fullPage: true });
  });

  it('options', async () => {
    const options = await session.browser.context.newPage();
    await options.goto(`chrome-extension://${session.browser.extensionId}/options.html`);
    await options.getByTestId('preset-select').waitFor({ timeout: 20_000 });
    await options.getByTestId('preset-preview').waitFor();
    await check(options, 'options');
    await options.screenshot({ path: shot('options') });
  });

  it('library and reader', async () => {
    const library = await session.browser.context.newPage();
    await library.goto(`chrome-extension://${session.browser.extensionId}/library.html`);
    await expect
      .poll(() => library.getByTestId('library-count').getAttribute('data-ready'), {
        timeout: 20_000,
      })
      .toBe('true');
    await expect.poll(() => library.getByTestId('article-row').count()).toBe(2);
    await check(library, 'library');
    await library.screenshot({ path: shot('library') });

    await library.getByTestId('row-title').first().click();
    await library.getByTestId('reader-title').waitFor();
    await check(library, 'reader');
  });
});
