/**
 * Issue 15 in real Chromium: "Save images" on, two articles saved through the popup; their
 * images are fetched from the article's tab (same origin, a CORS CDN, a hotlink-protected image),
 * stored once by content hash, and the reader shows them with both servers stopped. The library's
 * bulk zip carries them, and importing it into a fresh profile restores the same bytes.
 */
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import { cpSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unzipSync } from 'fflate';
import { launchExtensionBrowser, openPopupFor } from '@/scripts/support/extension-browser';
import { pngBytes, serveImageSites, type ImageName, type ImageSites } from './support/image-sites';
import { useExtensionSession } from './support/session';
import { waitForFile } from './support/downloads';
import { buildHugo, buildJekyll, hugoSite, jekyllSite, writeTree } from '../sites/generators';

declare const chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } };

interface ArticleImage {
  url: string;
  hash?: string;
  failure?: string;
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

async function ask<T>(page: Page, message: object): Promise<T> {
  const response = (await page.evaluate((m) => chrome.runtime.sendMessage(m), message)) as
    { ok: true; value: T } | { ok: false; error: { message: string } };
  if (!response.ok) throw new Error(response.error.message);
  return response.value;
}

describe('images saved with the article', () => {
  const session = useExtensionSession('images');
  let sites: ImageSites;
  beforeAll(async () => {
    sites = await serveImageSites();
  });
  afterAll(async () => {
    await sites?.close();
  });

  /** The article pages, kept open: the popup clips the page the tab still shows. */
  const pages = new Map<1 | 2, Page>();

  async function saveArticle(n: 1 | 2, expected: string): Promise<Page> {
    const page = await session.browser.context.newPage();
    pages.set(n, page);
    await page.goto(sites.articleUrl(n));
    const popup = await openPopupFor(session.browser, page);
    await popup.getByTestId('save-button').waitFor({ timeout: 20_000 });
    await popup.getByTestId('save-button').click();
    await expect
      .poll(() => popup.getByTestId('image-status').textContent(), { timeout: 30_000 })
      .toBe(expected);
    return popup;
  }

  it('keeps (a) CORS, (b) lazy, (c) srcset 2x, (d) hotlink-protected; (e) 404 stays remote', async () => {
    const options = await session.browser.context.newPage();
    await options.goto(`chrome-extension://${session.browser.extensionId}/options.html`);
    await options.getByTestId('save-images').check();
    await expect.poll(() => options.getByTestId('save-images').isChecked()).toBe(true);

    const popup = await saveArticle(1, '4 of 5 images saved');
    await expect(popup.getByTestId('image-remote').textContent()).resolves.toContain(
      '1 of 5 images kept remote',
    );
    await expect(popup.getByTestId('image-remote').textContent()).resolves.toContain(
      sites.imageUrl('missing'),
    );
    // The popup preview already shows the stored bytes.
    await expect
      .poll(() => popup.locator('[data-testid=article-preview] img[data-gleaner-image]').count())
      .toBe(4);
    // (c): the 2x candidate was fetched, the 1x never; the pixel and the logo outside the
    // article were not fetched (the page itself loaded them: its loads are not counted).
    expect(sites.fetches.get('/img/ferry-large.png')).toBe(1);
    expect(sites.fetches.get('/img/ferry-small.png') ?? 0).toBe(0);
    expect(sites.fetches.get('/track/pixel.gif') ?? 0).toBe(0);
    expect(sites.fetches.get('/img/site-logo.png') ?? 0).toBe(0);

    await saveArticle(2, '1 of 1 images saved');

    const library = await session.browser.context.newPage();
    await library.goto(`chrome-extension://${session.browser.extensionId}/library.html`);
    const { entries } = await ask<{ entries: { card: { id: string; title: string } }[] }>(library, {
      type: 'library:entries',
      offset: 0,
      limit: 10,
      withText: false,
    });
    const bundles = await ask<{ article: { title: string; images: ArticleImage[] } }[]>(library, {
      type: 'library:bundles',
      ids: entries.map((entry) => entry.card.id),
    });
    const first = bundles.find((b) => b.article.title === 'Ferries at night')!.article.images;
    const second = bundles.find((b) => b.article.title === 'Harbour follow-up')!.article.images;
    const expectHash = (name: ImageName) =>
      expect(first.find((image) => image.url === sites.imageUrl(name))?.hash).toBe(
        sha256(pngBytes(name)),
      );
    for (const name of ['cdn', 'lazy', 'large', 'hotlink'] as const) expectHash(name);
    expect(first.find((image) => image.url === sites.imageUrl('missing'))).toMatchObject({
      failure: 'unreachable',
    });
    // (f): the CDN picture in both articles is one stored image.
    expect(second).toEqual([
      expect.objectContaining({ url: sites.imageUrl('cdn'), hash: sha256(pngBytes('cdn')) }),
    ]);
    const stored = await library.evaluate(
      () =>
        new Promise<Array<{ hash: string; articleIds: string[]; bytes: number }>>((resolve) => {
          const open = indexedDB.open('gleaner');
          open.onsuccess = () => {
            const read = open.result.transaction('images').objectStore('images').getAll();
            read.onsuccess = () => {
              resolve(
                (read.result as Array<{ hash: string; articleIds: string[]; bytes: number }>).map(
                  ({ hash, articleIds, bytes }) => ({ hash, articleIds, bytes }),
                ),
              );
              open.result.close();
            };
          };
        }),
    );
    expect(stored).toHaveLength(4);
    expect(stored.find((image) => image.hash === sha256(pngBytes('cdn')))?.articleIds).toHaveLength(
      2,
    );

    // Offline: both servers stopped, the reader still shows (a)–(d) from storage.
    await sites.close();
    await library.reload();
    await library.getByTestId('row-title').filter({ hasText: 'Ferries at night' }).click();
    await library.getByTestId('reader-title').waitFor();
    const shown = library.locator('[data-testid=reader-body] img[data-gleaner-image]');
    await expect.poll(() => shown.count(), { timeout: 10_000 }).toBe(4);
    const loaded = await shown.evaluateAll((images) =>
      images.map((image) => ({
        hash: image.getAttribute('data-gleaner-image'),
        width: (image as HTMLImageElement).naturalWidth,
        blob: (image as HTMLImageElement).src.startsWith('blob:'),
      })),
    );
    expect(loaded.map((image) => image.hash).sort()).toEqual(
      (['cdn', 'lazy', 'large', 'hotlink'] as const).map((name) => sha256(pngBytes(name))).sort(),
    );
    expect(loaded.every((image) => image.blob && image.width > 0)).toBe(true);
  });

  /** Every `<img src>` of the HTML file. */
  const sources = (html: string) =>
    [...html.matchAll(/<img [^>]*src="([^"]+)"/g)].map((m) => m[1]!);
  const KEPT = (['cdn', 'lazy', 'large', 'hotlink'] as const).map((name) => sha256(pngBytes(name)));

  it('exports to a Jekyll site with a baseurl whose build shows every kept image', async () => {
    const popup = await openPopupFor(session.browser, pages.get(1)!);
    await popup.getByTestId('save-button').waitFor({ timeout: 20_000 });
    await popup.getByTestId('export-button').click();
    const post = await waitForFile(
      path.join(session.downloadsDir, '_posts'),
      /ferries-at-night\.md$/,
    );
    const stem = path.basename(post).replace(/\.md$/, '');
    const slug = stem.replace(/^\d{4}-\d{2}-\d{2}-/, '');
    // The post's images sit in a folder named like the post file (date and slug).
    const imageDir = path.join(session.downloadsDir, 'assets', 'images', stem);
    await expect.poll(() => (existsSync(imageDir) ? readdirSync(imageDir).length : 0)).toBe(4);

    const site = path.join(session.work, 'jekyll');
    writeTree(site, jekyllSite('UTC'));
    writeTree(site, {
      '_config.yml': 'title: t\ntimezone: UTC\nmarkdown: kramdown\nbaseurl: /blog\n',
    });
    cpSync(path.join(session.downloadsDir, '_posts'), path.join(site, '_posts'), {
      recursive: true,
    });
    cpSync(path.join(session.downloadsDir, 'assets'), path.join(site, 'assets'), {
      recursive: true,
    });
    const build = buildJekyll(site);
    expect(build.status, build.output).toBe(0);

    const html = readdirSync(path.join(site, '_site'), { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith(`${slug}.html`))
      .map((file) => readFileSync(path.join(site, '_site', file), 'utf8'))[0]!;
    const local = sources(html).filter((src) => src.startsWith('/blog/'));
    expect(local).toHaveLength(4);
    const served = local.map((src) =>
      sha256(readFileSync(path.join(site, '_site', src.replace(/^\/blog\//, '')))),
    );
    expect(served.sort()).toEqual([...KEPT].sort());
    // The image that could not be kept keeps its remote URL.
    expect(sources(html)).toContain(sites.imageUrl('missing'));
  });

  it('exports a Hugo page bundle whose build shows every kept image', async () => {
    const options = await session.browser.context.newPage();
    await options.goto(`chrome-extension://${session.browser.extensionId}/options.html`);
    await options.getByTestId('preset-select').selectOption('hugo');
    await expect
      .poll(() => options.getByTestId('preset-preview-path').textContent())
      .toMatch(/^content\/posts\//);

    const popup = await openPopupFor(session.browser, pages.get(1)!);
    await popup.getByTestId('save-button').waitFor({ timeout: 20_000 });
    await popup.getByTestId('export-button').click();
    const bundle = path.join(session.downloadsDir, 'content', 'posts', 'ferries-at-night');
    await waitForFile(bundle, /^index\.md$/);
    await expect.poll(() => readdirSync(bundle).length).toBe(5);

    const site = path.join(session.work, 'hugo');
    writeTree(site, hugoSite('UTC'));
    cpSync(path.join(session.downloadsDir, 'content'), path.join(site, 'content'), {
      recursive: true,
    });
    const build = buildHugo(site);
    expect(build.status, build.output).toBe(0);
    const page = path.join(site, 'public', 'posts', 'ferries-at-night');
    const html = readFileSync(path.join(page, 'index.html'), 'utf8');
    const local = sources(html).filter((src) => !src.startsWith('http'));
    expect(local).toHaveLength(4);
    const served = local.map((src) => sha256(readFileSync(path.join(page, src))));
    expect(served.sort()).toEqual([...KEPT].sort());
  });

  it('exports an Obsidian note whose attachments hold every kept image, embedded', async () => {
    const options = await session.browser.context.newPage();
    await options.goto(`chrome-extension://${session.browser.extensionId}/options.html`);
    await options.getByTestId('preset-select').selectOption('obsidian');
    await options.getByTestId('attachments-folder').waitFor();
    // The preview of the latest article (the second page, one shared image) lists the image
    // files the export writes, shown from storage.
    const previewImages = options.getByTestId('preset-preview-images').locator('img');
    await expect.poll(() => previewImages.count()).toBe(1);
    expect(await options.getByTestId('preset-preview-images').textContent()).toMatch(
      /^Clippings\/attachments\/[a-z0-9-]+\.png$/,
    );
    await expect
      .poll(() =>
        previewImages.evaluateAll((images) =>
          images.every(
            (image) =>
              (image as HTMLImageElement).naturalWidth > 0 &&
              (image as HTMLImageElement).src.startsWith('blob:'),
          ),
        ),
      )
      .toBe(true);

    const popup = await openPopupFor(session.browser, pages.get(1)!);
    await popup.getByTestId('save-button').waitFor({ timeout: 20_000 });
    await popup.getByTestId('export-button').click();
    const note = await waitForFile(path.join(session.downloadsDir, 'Clippings'), /\.md$/);
    const attachments = path.join(session.downloadsDir, 'Clippings', 'attachments');
    await expect
      .poll(() => (existsSync(attachments) ? readdirSync(attachments).length : 0))
      .toBe(4);
    const files = readdirSync(attachments);
    expect(files.map((file) => sha256(readFileSync(path.join(attachments, file)))).sort()).toEqual(
      [...KEPT].sort(),
    );
    const text = readFileSync(note, 'utf8');
    for (const file of files) expect(text).toContain(`![[${file}]]`);
    expect(text).toContain(sites.imageUrl('missing'));
  });

  it('carries them in the library’s bulk zip; importing it into a fresh profile restores the same bytes', async () => {
    // The servers are stopped (first test): whatever the reader shows comes from the zip.
    const options = await session.browser.context.newPage();
    await options.goto(`chrome-extension://${session.browser.extensionId}/options.html`);
    await options.getByTestId('preset-select').selectOption('jekyll');
    await expect
      .poll(() => options.getByTestId('preset-preview-path').textContent())
      .toMatch(/^_posts\//);

    const library = await session.browser.context.newPage();
    await library.goto(`chrome-extension://${session.browser.extensionId}/library.html`);
    await expect
      .poll(() => library.getByTestId('library-count').getAttribute('data-ready'), {
        timeout: 20_000,
      })
      .toBe('true');
    await library.getByTestId('export-all').click();
    const zipPath = await waitForFile(
      session.downloadsDir,
      /^gleaner-export-\d{4}-\d{2}-\d{2}\.zip$/,
    );
    await expect
      .poll(() => library.getByTestId('notice').textContent(), { timeout: 20_000 })
      .toContain('Exported 2 articles');
    // Each post's images at the Jekyll paths it links (the shared one in both folders).
    const files = unzipSync(new Uint8Array(readFileSync(zipPath)));
    const images = Object.keys(files).filter((name) => name.startsWith('assets/images/'));
    expect(images).toHaveLength(5);
    expect(images.map((name) => sha256(Buffer.from(files[name]!))).sort()).toEqual(
      [...KEPT, sha256(pngBytes('cdn'))].sort(),
    );

    const fresh = await launchExtensionBrowser({
      profileDir: path.join(session.work, 'fresh-profile'),
    });
    try {
      const imported = await fresh.context.newPage();
      await imported.goto(`chrome-extension://${fresh.extensionId}/library.html`);
      await imported.getByTestId('import-input').setInputFiles(zipPath);
      const notice = imported.getByTestId('notice');
      await expect
        .poll(() => notice.textContent(), { timeout: 60_000 })
        .toContain('Imported 2 of 2 articles: 2 new articles.');
      expect(await notice.textContent()).toContain('4 images restored.');
      expect(await notice.textContent()).not.toContain('Left out');

      const stored = await imported.evaluate(
        () =>
          new Promise<Array<{ hash: string; articleIds: string[]; bytes: number[] }>>(
            (resolve, reject) => {
              const open = indexedDB.open('gleaner');
              open.onerror = () => reject(open.error);
              open.onsuccess = () => {
                const read = open.result.transaction('images').objectStore('images').getAll();
                read.onsuccess = async () => {
                  const rows = read.result as Array<{
                    hash: string;
                    articleIds: string[];
                    blob: Blob;
                  }>;
                  resolve(
                    await Promise.all(
                      rows.map(async ({ hash, articleIds, blob }) => ({
                        hash,
                        articleIds,
                        bytes: [...new Uint8Array(await blob.arrayBuffer())],
                      })),
                    ),
                  );
                  open.result.close();
                };
              };
            },
          ),
      );
      // The same bytes, byte for byte, each under its hash; the shared one linked to both articles.
      expect(stored.map((image) => image.hash).sort()).toEqual([...KEPT].sort());
      for (const name of ['cdn', 'lazy', 'large', 'hotlink'] as const) {
        const image = stored.find((row) => row.hash === sha256(pngBytes(name)));
        expect(Buffer.from(image!.bytes).equals(pngBytes(name)), name).toBe(true);
      }
      expect(stored.find((row) => row.hash === sha256(pngBytes('cdn')))?.articleIds).toHaveLength(
        2,
      );

      // The reader of the fresh profile shows the four from storage (the sites are still down).
      await imported.getByTestId('row-title').filter({ hasText: 'Ferries at night' }).click();
      await imported.getByTestId('reader-title').waitFor();
      const shown = imported.locator('[data-testid=reader-body] img[data-gleaner-image]');
      await expect.poll(() => shown.count(), { timeout: 10_000 }).toBe(4);
      const loaded = await shown.evaluateAll((nodes) =>
        nodes.map((image) => ({
          hash: image.getAttribute('data-gleaner-image'),
          width: (image as HTMLImageElement).naturalWidth,
          blob: (image as HTMLImageElement).src.startsWith('blob:'),
        })),
      );
      expect(loaded.map((image) => image.hash).sort()).toEqual([...KEPT].sort());
      expect(loaded.every((image) => image.blob && image.width > 0)).toBe(true);
    } finally {
      await fresh.close();
    }
  });

  it('retries an image kept remote from the library once its server answers', async () => {
    // The news site is back, and the picture that was missing (404) is there now.
    const news = new URL(sites.newsOrigin);
    const back = createServer((request, response) => {
      if (request.url !== '/img/missing.png') return void response.writeHead(404).end();
      response
        .writeHead(200, { 'content-type': 'image/png', 'access-control-allow-origin': '*' })
        .end(pngBytes('small'));
    });
    await new Promise<void>((resolve) => back.listen(Number(news.port), '127.0.0.1', resolve));
    try {
      const library = await session.browser.context.newPage();
      await library.goto(`chrome-extension://${session.browser.extensionId}/library.html`);
      await library.getByTestId('row-title').filter({ hasText: 'Ferries at night' }).click();
      await expect
        .poll(() => library.getByTestId('image-status').textContent())
        .toBe('4 of 5 images saved');
      await library.getByTestId('image-retry').click();
      await expect
        .poll(() => library.getByTestId('image-status').textContent(), { timeout: 15_000 })
        .toBe('5 of 5 images saved');
      expect(await library.getByTestId('image-retry').count()).toBe(0);
      const shown = library.locator('[data-testid=reader-body] img[data-gleaner-image]');
      await expect.poll(() => shown.count()).toBe(5);
      expect(
        await shown.evaluateAll((images) =>
          images.map((i) => i.getAttribute('data-gleaner-image')),
        ),
      ).toContain(sha256(pngBytes('small')));
    } finally {
      back.closeAllConnections();
      await new Promise((resolve) => back.close(resolve));
    }
  });

  it('turning "Save images" on asks for host access; left unanswered, the switch is on and a host that needs it stays remote, said so', async () => {
    const options = await session.browser.context.newPage();
    await options.goto(`chrome-extension://${session.browser.extensionId}/options.html`);
    const hasAllUrls = () =>
      options.evaluate(() =>
        (
          globalThis as unknown as {
            chrome: { permissions: { contains(p: object): Promise<boolean> } };
          }
        ).chrome.permissions.contains({ origins: ['<all_urls>'] }),
      );
    // Turned off and on again: the click asks (headless Chromium shows no prompt to answer, so
    // the request stays pending) and the switch does not wait for it.
    await options.getByTestId('save-images').uncheck();
    await options.getByTestId('save-images').check();
    await expect.poll(() => options.getByTestId('save-images').isChecked()).toBe(true);
    await options.reload();
    await expect.poll(() => options.getByTestId('save-images').isChecked()).toBe(true);
    await expect(
      options.locator('p.hint', { hasText: 'access all websites' }).count(),
    ).resolves.toBe(1);
    expect(await hasAllUrls()).toBe(false);

    // No CORS header and hotlink protection: without the grant the page's request cannot be
    // read and the extension does not ask from the background; the popup says what stayed remote.
    const guarded = await serveImageSites();
    try {
      const page = await session.browser.context.newPage();
      await page.goto(guarded.articleUrl(4));
      const popup = await openPopupFor(session.browser, page);
      await popup.getByTestId('save-button').waitFor({ timeout: 20_000 });
      await popup.getByTestId('save-button').click();
      await expect
        .poll(() => popup.getByTestId('image-status').textContent(), { timeout: 30_000 })
        .toBe('0 of 1 images saved');
      await expect(popup.getByTestId('image-remote').textContent()).resolves.toContain(
        guarded.imageUrl('guarded'),
      );
      expect(guarded.fetches.get('/guarded/wharf.jpg')).toBe(1);
      expect(guarded.fetchHeaders.get('/guarded/wharf.jpg')?.origin).toBe(guarded.newsOrigin);
    } finally {
      await guarded.close();
    }
  });
});
