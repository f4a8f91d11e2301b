import { readFileSync } from 'node:fs';
import { unzipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openPopupFor, type ExtensionBrowser } from '@/scripts/support/extension-browser';
import { useExtensionSession } from './support/session';
import { waitForFile } from './support/downloads';

/** What tests evaluate in the library page (an extension page: it may message the background). */
declare const chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } };

interface Bundle {
  article: Record<string, unknown> & { id: string; url: string; title: string };
  highlights: (Record<string, unknown> & { id: string; articleId: string; quote: string })[];
}

const WECOM_TITLE = '连接5亿微信活跃用户 企业微信还是选择「Hard」模式';
const PAGES = [
  { page: 'eastmoney-36kr-wecom.html', tags: ['36氪新闻', '科技'], selection: false },
  { page: 'harbor-ferry-news.html', tags: ['transport', 'city life'], selection: false },
  { page: 'link-list.html', tags: ['digest', 'transport'], selection: true },
];

/** Sends one protocol message from the library page and returns its value (throws on failure). */
async function ask<T>(page: Page, message: object): Promise<T> {
  const response = (await page.evaluate((m) => chrome.runtime.sendMessage(m), message)) as
    { ok: true; value: T } | { ok: false; error: { message: string } };
  if (!response.ok) throw new Error(response.error.message);
  return response.value;
}

/** Every article with its highlights, newest saved first. */
async function everything(page: Page): Promise<Bundle[]> {
  const { entries } = await ask<{ entries: { card: { id: string } }[] }>(page, {
    type: 'library:entries',
    offset: 0,
    limit: 100,
    withText: false,
  });
  return ask<Bundle[]>(page, { type: 'library:bundles', ids: entries.map((e) => e.card.id) });
}

function withoutIds(bundles: Bundle[]) {
  return bundles
    .map(({ article, highlights }) => ({
      article: { ...article, id: undefined },
      // Highlights made in the same second come in id order: compare them by quote.
      highlights: highlights
        .map((h) => ({ ...h, id: undefined, articleId: undefined }))
        .sort((a, b) => a.quote.localeCompare(b.quote)),
    }))
    .sort((a, b) => a.article.url.localeCompare(b.article.url));
}

async function openLibrary(browser: ExtensionBrowser): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/library.html`);
  await expect
    .poll(() => page.getByTestId('library-count').getAttribute('data-ready'), { timeout: 20_000 })
    .toBe('true');
  return page;
}

describe('the library: list, search, filter, export, wipe, import', () => {
  const session = useExtensionSession('library-e2e');

  it('saves three pages with tags and highlights, finds, filters, exports and imports them back', async () => {
    // Save three fixture pages through the popup, as a user does.
    let popupForLink: Page | null = null;
    for (const { page: name, tags, selection } of PAGES) {
      const page = await session.browser.context.newPage();
      await page.goto(session.server.url(`pages/${name}`));
      if (selection) {
        await page.evaluate(() => {
          const range = document.createRange();
          range.selectNodeContents(document.getElementById('note')!);
          window.getSelection()!.removeAllRanges();
          window.getSelection()!.addRange(range);
        });
      }
      const popup = await openPopupFor(session.browser, page);
      if (selection) {
        await popup.getByTestId('clip-selection-button').click({ timeout: 20_000 });
      }
      await popup.getByTestId('clip-title').waitFor({ timeout: 20_000 });
      for (const tag of tags) {
        await popup.getByTestId('tag-input').fill(tag);
        await popup.getByTestId('tag-input').press('Enter');
      }
      await popup.getByTestId('save-button').click();
      await expect
        .poll(() => popup.getByTestId('status').textContent())
        .toContain('Saved to your library');
      if (selection) popupForLink = popup;
      else await popup.close();
      await page.close();
    }

    // The popup opens the library.
    const [fromPopup] = await Promise.all([
      session.browser.context.waitForEvent('page'),
      popupForLink!.getByTestId('open-library').click(),
    ]);
    await fromPopup.waitForURL(/\/library\.html$/);
    await fromPopup.close();
    await popupForLink!.close();

    // Highlights, made through the background's messages.
    let library = await openLibrary(session.browser);
    const saved = await everything(library);
    expect(saved).toHaveLength(3);
    const quotes: Record<string, { quote: string; note: string }[]> = {
      [WECOM_TITLE]: [{ quote: '企业微信成为了这一命题的最优解。', note: '核心观点' }],
      'Night ferries return to the harbour after a decade': [
        { quote: 'three new electric boats', note: '' },
        { quote: 'a trip the ferry makes in eleven minutes', note: 'versus an hour by bus' },
      ],
    };
    for (const { article } of saved) {
      for (const { quote, note } of quotes[article.title] ?? []) {
        // Described as the popup does: quote, 32 characters around it, and its position.
        const articleSelectors = await library.evaluate(
          ({ html, quote }) => {
            const body = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html').body;
            const text = body.textContent ?? '';
            const start = text.indexOf(quote);
            const end = start + quote.length;
            return [
              {
                type: 'TextQuoteSelector',
                exact: quote,
                prefix: text.slice(Math.max(0, start - 32), start),
                suffix: text.slice(end, end + 32),
              },
              { type: 'TextPositionSelector', start, end },
            ];
          },
          { html: String(article.html), quote },
        );
        await ask(library, {
          type: 'highlight:create',
          articleId: article.id,
          quote,
          note,
          color: note ? 'green' : 'yellow',
          articleSelectors,
        });
      }
    }
    await library.close();

    // The library lists them, newest first, with their highlight counts.
    library = await openLibrary(session.browser);
    await expect.poll(() => library.getByTestId('article-row').count()).toBe(3);
    expect(await library.getByTestId('row-title').allTextContents()).toEqual([
      "Today's headlines",
      'Night ferries return to the harbour after a decade',
      WECOM_TITLE,
    ]);
    expect(await library.getByTestId('row-highlight-count').allTextContents()).toEqual([
      '2 highlights',
      '1 highlight',
    ]);

    // A Chinese word from inside a sentence finds its article, shown in context.
    await library.getByTestId('search-input').fill('命题');
    await expect.poll(() => library.getByTestId('article-row').count()).toBe(1);
    expect(await library.getByTestId('row-title').textContent()).toBe(WECOM_TITLE);
    expect(await library.locator('[data-testid=row-snippet] mark').first().textContent()).toBe(
      '命题',
    );
    // An English prefix, case folded, finds a note.
    await library.getByTestId('search-input').fill('BUS');
    await expect
      .poll(() => library.getByTestId('row-title').allTextContents())
      .toEqual(['Night ferries return to the harbour after a decade']);
    await library.getByTestId('search-input').fill('');
    await expect.poll(() => library.getByTestId('article-row').count()).toBe(3);

    // A tag filter narrows the list.
    await library.getByTestId('tag-filter').selectOption('transport');
    await expect.poll(() => library.getByTestId('article-row').count()).toBe(2);
    await library.getByTestId('tag-filter').selectOption('36氪新闻');
    await expect
      .poll(() => library.getByTestId('row-title').allTextContents())
      .toEqual([WECOM_TITLE]);
    await library.getByTestId('tag-filter').selectOption('');
    await expect.poll(() => library.getByTestId('article-row').count()).toBe(3);
    await library.screenshot({ path: 'docs/screenshots/library.png' });

    // Export all: one zip, three posts under _posts/, deflated by the workers' zlib (WebAssembly,
    // which the extension's content security policy must allow) without falling back.
    const before = await everything(library);
    const warnings: string[] = [];
    library.on('console', (message) => {
      if (message.text().startsWith('Gleaner:')) warnings.push(message.text());
    });
    await library.getByTestId('export-all').click();
    const zipPath = await waitForFile(
      session.downloadsDir,
      /^gleaner-export-\d{4}-\d{2}-\d{2}\.zip$/,
    );
    await expect
      .poll(() => library.getByTestId('notice').textContent())
      .toContain('Exported 3 articles');
    const files = unzipSync(new Uint8Array(readFileSync(zipPath)));
    const posts = Object.keys(files).filter((name) =>
      /^_posts\/\d{4}-\d{2}-\d{2}-[^/]+\.md$/.test(name),
    );
    expect(posts).toHaveLength(3);
    expect(warnings).toEqual([]);

    // Wipe the database: select everything, delete.
    await library.getByTestId('select-all').check();
    await library.getByTestId('bulk-delete').click();
    await library.getByTestId('library-empty').waitFor();
    expect(await everything(library)).toEqual([]);
    await library.getByTestId('notice').getByRole('button', { name: 'Dismiss' }).click();

    // Import the zip: the same articles, tags and highlights.
    await library.getByTestId('import-input').setInputFiles(zipPath);
    await expect
      .poll(() => library.getByTestId('notice').textContent(), { timeout: 20_000 })
      .toContain('Imported 3 of 3 articles: 3 new articles');
    await expect.poll(() => library.getByTestId('article-row').count()).toBe(3);
    // The page wrote the import itself: the background still indexes it for search.
    await library.getByTestId('search-input').fill('ferries');
    await expect
      .poll(() => library.getByTestId('row-title').allTextContents(), { timeout: 20_000 })
      .toEqual([expect.stringContaining('Night ferries')]);
    await library.getByTestId('search-input').fill('');
    await expect.poll(() => library.getByTestId('article-row').count()).toBe(3);
    const after = await everything(library);
    expect(withoutIds(after)).toEqual(withoutIds(before));
    expect(after.flatMap((b) => b.highlights)).toHaveLength(3);

    // The reader view shows the article, sanitised, with its highlights marked and listed.
    await library.getByTestId('row-title').filter({ hasText: 'Night ferries' }).click();
    await library.getByTestId('reader-title').waitFor();
    await expect
      .poll(() => library.locator('[data-testid=reader-body] mark[data-gleaner-highlight]').count())
      .toBe(2);
    expect(await library.getByTestId('orphan-item').count()).toBe(0);
    const notes = await library
      .getByTestId('highlight-note')
      .evaluateAll((fields) => fields.map((field) => (field as HTMLTextAreaElement).value));
    expect([...notes].sort()).toEqual(['', 'versus an hour by bus']);
    expect(
      await library
        .locator('[data-testid=reader-body] script, [data-testid=reader-body] [style]')
        .count(),
    ).toBe(0);
    await library.screenshot({ path: 'docs/screenshots/library-reader.png' });

    // A note edited in the reader is what the next search quotes: the list read this article's
    // text (with the old note) for the "ferries" search above, and must not show that copy again.
    const busNote = library
      .getByTestId('highlight-note')
      .nth(notes.indexOf('versus an hour by bus'));
    await busNote.fill('versus an hour by tramway');
    await busNote.press('Tab');
    await library.getByTestId('reader-back').click();
    await library.getByTestId('search-input').fill('tramway');
    await expect
      .poll(() => library.locator('[data-testid=row-snippet] mark').allTextContents(), {
        timeout: 20_000,
      })
      .toEqual(['tramway']);
  });
});
