/**
 * The options page in the built extension: the preset switch changes what the popup exports, and a
 * template that cannot render shows its error and is never saved.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { parseFrontMatter } from '@/lib/export/front-matter';
import { openPopupFor } from '@/scripts/support/extension-browser';
import { useExtensionSession } from './support/session';
import { waitForFile } from './support/downloads';

/**
 * The popup renders exports with `renderPost` and the stored settings. Until that wiring lands it
 * always writes Jekyll posts, and the preset-switch test is skipped: flip this when it does.
 */
const POPUP_EXPORTS_PRESETS = true;

/** The extension's storage, read in its service worker. */
declare const chrome: {
  storage: { local: { get(key: string): Promise<Record<string, unknown>> } };
};

const TITLE = '连接5亿微信活跃用户 企业微信还是选择「Hard」模式';

describe('options page', () => {
  const session = useExtensionSession('options');

  const openOptions = async (): Promise<Page> => {
    const page = await session.browser.context.newPage();
    await page.goto(`chrome-extension://${session.browser.extensionId}/options.html`);
    await expect
      .poll(() => page.getByTestId('status').textContent(), { timeout: 20_000 })
      .toContain('Changes are saved as you make them.');
    return page;
  };

  const storedSettings = async (): Promise<Record<string, unknown> | undefined> => {
    const worker = await session.browser.worker();
    const stored = await worker.evaluate(() => chrome.storage.local.get('settings'));
    return stored.settings as Record<string, unknown> | undefined;
  };

  it('shows a broken template’s error, does not save it, and keeps the last good one', async () => {
    const options = await openOptions();
    const body = options.getByTestId('template-body');

    // A good edit: live preview, saved, still there after a reload.
    const good = '{{ content }}\n\nKept by the options page.';
    await body.fill(good);
    await expect
      .poll(() => options.getByTestId('template-preview').textContent())
      .toContain('Kept by the options page.');
    expect(await options.getByTestId('template-error').count()).toBe(0);
    await options.getByTestId('template-save').click();
    await expect.poll(() => options.getByTestId('status').textContent()).toBe('Template saved.');
    await options.reload();
    await expect.poll(() => options.getByTestId('template-body').inputValue()).toBe(good);

    // A broken edit: the error shows at once, and Save refuses it.
    await options.getByTestId('template-body').fill('{{ content }}\n{{ titel }}');
    await expect
      .poll(() => options.getByTestId('template-error').textContent())
      .toBe('Body: unknown variable "titel" (line 2, column 4)');
    await options.getByTestId('template-save').click();
    await expect
      .poll(() => options.getByTestId('status').textContent())
      .toContain('The template was not saved: Body: unknown variable "titel"');

    // A date field that gives no date is refused the same way.
    await options.getByTestId('template-body').fill(good);
    const keys = await options
      .getByTestId('template-field-key')
      .evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value));
    const dateValue = options.getByTestId('template-field-value').nth(keys.indexOf('date'));
    await dateValue.fill('{{ date | date: "%d %B %Y" }}');
    await expect
      .poll(() => options.getByTestId('template-error').textContent())
      .toMatch(/^Field "date" \(date\): gives "12 January 2022", which is not a date/);
    await options.getByTestId('template-save').click();

    await options.reload();
    await expect.poll(() => options.getByTestId('template-body').inputValue()).toBe(good);
    expect(await options.getByTestId('template-error').count()).toBe(0);
    const stored = (await storedSettings()) as { export: { custom: { body: string } } };
    expect(stored.export.custom.body).toBe(good);
    await options.close();
  });

  it('switches the preset: saved at once, shown in the preview', async () => {
    const options = await openOptions();
    for (const [preset, label, folder] of [
      ['hugo', 'Hugo', 'content/posts/'],
      ['obsidian', 'Obsidian', 'Clippings/'],
      ['jekyll', 'Jekyll', '_posts/'],
    ] as const) {
      await options.getByTestId('preset-select').selectOption(preset);
      await expect
        .poll(() => options.getByTestId('status').textContent())
        .toBe(`Exports are now ${label} posts.`);
      await expect
        .poll(() => options.getByTestId('preset-preview-path').textContent())
        .toMatch(new RegExp(`^${folder}`));
      expect(((await storedSettings()) as { export: { preset: string } }).export.preset).toBe(
        preset,
      );
    }
    await options.close();
  });

  it.skipIf(!POPUP_EXPORTS_PRESETS)('exports the post in the preset chosen', async () => {
    const article = await session.browser.context.newPage();
    await article.goto(session.server.url('pages/eastmoney-36kr-wecom.html'));
    const cases = [
      {
        preset: 'hugo',
        dir: 'content/posts',
        name: /^lian-jie-5yi-[a-z0-9-]+\.md$/,
        check: (data: Record<string, unknown>) =>
          expect(data).toMatchObject({
            title: TITLE,
            date: '2022-01-12T21:56:33+08:00',
            draft: false,
          }),
      },
      {
        preset: 'obsidian',
        dir: 'Clippings',
        name: /^连接5亿微信活跃用户 企业微信还是选择「Hard」模式\.md$/,
        check: (data: Record<string, unknown>) =>
          expect(data).toMatchObject({ title: TITLE, published: '2022-01-12', tags: ['36氪新闻'] }),
      },
      {
        preset: 'jekyll',
        dir: '_posts',
        name: /^2022-01-12-lian-jie-5yi-[a-z0-9-]+\.md$/,
        check: (data: Record<string, unknown>) =>
          expect(data).toMatchObject({ layout: 'post', date: '2022-01-12 21:56:33 +0800' }),
      },
    ];
    for (const { preset, dir, name, check } of cases) {
      const options = await openOptions();
      await options.getByTestId('preset-select').selectOption(preset);
      await expect
        .poll(() => options.getByTestId('status').textContent())
        .toMatch(/^Exports are now/);
      await options.close();

      const popup = await openPopupFor(session.browser, article);
      await expect
        .poll(() => popup.getByTestId('clip-title').textContent(), { timeout: 20_000 })
        .toBe(TITLE);
      if (preset === 'hugo') {
        await popup.getByTestId('tag-input').fill('36氪新闻');
        await popup.getByTestId('tag-input').press('Enter');
        await popup.getByTestId('save-button').click();
        await expect
          .poll(() => popup.getByTestId('status').textContent())
          .toContain('Saved to your library');
      }
      await popup.getByTestId('export-button').click();
      const file = await waitForFile(path.join(session.downloadsDir, dir), name);
      check(parseFrontMatter(readFileSync(file, 'utf8')).data);
      await popup.close();
    }

    // The preview now uses the saved clip instead of the built-in sample.
    const options = await openOptions();
    await expect
      .poll(() => options.locator('.post-preview figcaption').first().textContent())
      .toContain(`your most recent clip, “${TITLE}”`);
  });

  it('applies the user’s site rule to the next clip (its clutter selector)', async () => {
    const article = await session.browser.context.newPage();
    await article.goto(session.server.url('pages/harbor-ferry-news.html'));
    const before = await openPopupFor(session.browser, article);
    const preview = before.getByTestId('article-preview');
    await expect.poll(() => preview.textContent(), { timeout: 20_000 }).toContain('A fare cap');
    await before.close();

    const options = await openOptions();
    await options.getByTestId('site-rule-add').click();
    const rule = options.getByTestId('site-rule').last();
    await rule.getByTestId('site-rule-pattern').fill('127.0.0.1');
    await rule.getByTestId('site-rule-clutter').fill('h2');
    await options.getByTestId('site-rules-save').click();
    await expect.poll(() => options.getByTestId('status').textContent()).toBe('Site rules saved.');
    await options.close();

    const after = await openPopupFor(session.browser, article);
    const clipped = after.getByTestId('article-preview');
    await expect
      .poll(() => clipped.textContent(), { timeout: 20_000 })
      .toContain('For the first time in ten years');
    expect(await clipped.textContent()).not.toContain('A fare cap');
    await after.close();
    await article.close();
  });
});
