/**
 * The Firefox MV3 build in Firefox ESR, over WebDriver BiDi: it installs, and on a web page it
 * clips and highlights — select text, press the floating "Highlight" button, and the background
 * extracts the article, saves it with the highlight in its IndexedDB and the page paints it; after a
 * reload the saved highlight comes back (read from that database).
 *
 * Images (issue 15): with "Save images" turned on in the options page, the "save the page"
 * shortcut saves an article whose pictures are on another origin (a CORS image host); Firefox
 * fetches them from the article's tab, as the page's own requests, and the library's reader shows
 * them from storage with both servers stopped. No host access is granted in that profile. A host
 * that allows no other origin stays remote there, and the reader's "Try again" cannot fetch it
 * either; nor one that also refuses a `Referer` other than the news site (WeChat's, Sina's, 36kr's
 * image hosts). In a profile holding the optional `<all_urls>` grant the capture keeps both: the
 * add-on asks again from its background page, and a `declarativeNetRequest` session rule (that
 * URL only, initiator `moz-extension://<uuid>`, tab -1) sets the article as `Referer`. Firefox's
 * DNR applies it to the add-on's own request (the host logs the article's URL), and the rule is
 * gone afterwards.
 *
 * A plain BiDi session may not navigate to `moz-extension://` pages ("Navigation to
 * moz-extension://…/library.html is not allowed in this context") and its key presses reach the
 * page only, never the browser's shortcuts (`input.performActions` on the browser window: "The
 * command does not support browsing contexts in privileged (chrome) scope"). Started with
 * `--remote-allow-system-access`, Firefox lets the session load the add-on's pages and run script
 * in the browser window, where a shortcut's `<key>` element is fired as a key press fires it
 * (scripts/support/firefox-browser.ts). The popup (a panel of the browser window) is still tested
 * in Chromium only, and so are menus.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import {
  GECKO_ID,
  launchFirefoxWithExtension,
  type FirefoxExtensionBrowser,
} from '@/scripts/support/firefox-browser';
import { serveFolder, type StaticServer } from '@/scripts/support/static-server';
import {
  closedJpegBytes,
  guardedJpegBytes,
  pngBytes,
  serveImageSites,
} from './support/image-sites';
import { poll, saveByShortcut } from './support/firefox-steps';

declare const browser: {
  storage: { local: { get(key: string): Promise<unknown> } };
  declarativeNetRequest: { getSessionRules(): Promise<unknown[]> };
};

const ENGLISH_QUOTE = 'For the first time in ten years, passengers';
const CHINESE_QUOTE = '企业微信成为了这一命题的最优解。';

/** Selects the first occurrence of `text` and lifts the mouse, as a user does. */
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

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

interface StoredArticle {
  title: string;
  images?: { url: string; hash?: string; failure?: string }[];
}

/** The saved articles and images, read from the add-on's IndexedDB by one of its pages. */
function readLibrary(page: Page) {
  return page.evaluate(
    () =>
      new Promise<{ articles: StoredArticle[]; images: { hash: string; bytes: number }[] }>(
        (resolve, reject) => {
          const open = indexedDB.open('gleaner');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const read = open.result.transaction(['articles', 'images']);
            const articles = read.objectStore('articles').getAll();
            const images = read.objectStore('images').getAll();
            read.oncomplete = () => {
              resolve({
                articles: (articles.result as StoredArticle[]).map(({ title, images }) => ({
                  title,
                  images,
                })),
                images: (images.result as { hash: string; bytes: number }[]).map(
                  ({ hash, bytes }) => ({ hash, bytes }),
                ),
              });
              open.result.close();
            };
          };
        },
      ),
  );
}

describe('Firefox ESR', () => {
  let server: StaticServer;
  let firefox: FirefoxExtensionBrowser;
  const work = mkdtempSync(path.join(tmpdir(), 'gleaner-firefox-'));

  beforeAll(async () => {
    server = await serveFolder('tests/fixtures');
    firefox = await launchFirefoxWithExtension({ profileDir: path.join(work, 'profile') });
  });

  afterAll(async () => {
    await firefox?.close();
    await server?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('installs the MV3 build', () => {
    expect(firefox.addonId).toBe(GECKO_ID);
  });

  it.each([
    ['an English', 'pages/harbor-ferry-news.html', ENGLISH_QUOTE],
    ['a Chinese', 'pages/eastmoney-36kr-wecom.html', CHINESE_QUOTE],
  ])(
    'clips and highlights %s article, and paints the highlight again after a reload',
    async (_, pagePath, quote) => {
      const page = await firefox.browser.newPage();
      await page.goto(server.url(pagePath));
      // The page highlighter the extension registered (with the granted host access) is there.
      await page.waitForSelector('[data-gleaner-ui]', { timeout: 20_000 });

      await selectText(page, quote);
      const button = await page.waitForSelector('>>> [data-testid=highlight-button]:not([hidden])');
      expect(await button!.evaluate((b) => b.textContent)).toBe('Highlight');
      await button!.click();
      expect(
        await poll(
          () => paintedTexts(page),
          (texts) => texts.length > 0,
        ),
      ).toEqual([quote]);
      // Nothing of ours is left selected or shown over the page.
      expect(await page.evaluate(() => window.getSelection()?.isCollapsed)).toBe(true);

      await page.reload();
      await page.waitForSelector('[data-gleaner-ui]', { timeout: 20_000 });
      expect(
        await poll(
          () => paintedTexts(page),
          (texts) => texts.length > 0,
        ),
      ).toEqual([quote]);
      await page.close();
    },
  );

  it('runs nothing on pages without the host access (the toolbar click is then needed)', async () => {
    const bare = await launchFirefoxWithExtension({
      profileDir: path.join(work, 'bare-profile'),
      grantHostAccess: false,
    });
    try {
      expect(bare.addonId).toBe(GECKO_ID);
      const page = await bare.browser.newPage();
      await page.goto(server.url('pages/harbor-ferry-news.html'));
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      expect(await page.evaluate(() => document.querySelectorAll('[data-gleaner-ui]').length)).toBe(
        0,
      );
    } finally {
      await bare.close();
    }
  });
  /** Turns "Save images" on in the options page, as a user does, and waits until it is stored. */
  async function turnOnSaveImages(firefox: FirefoxExtensionBrowser): Promise<void> {
    const options = await firefox.openExtensionPage('options.html');
    const saveImages = await options.waitForSelector('[data-testid=save-images]');
    await saveImages!.click();
    expect(
      await poll(
        () => options.evaluate(() => browser.storage.local.get('settings')),
        (stored) => JSON.stringify(stored).includes('"images":{"save":true}'),
      ),
    ).toMatchObject({ settings: { images: { save: true } } });
    await options.close();
  }

  /** The library in a new tab, with the reader open on the article titled `title`. */
  async function openInReader(firefox: FirefoxExtensionBrowser, title: string): Promise<Page> {
    const library = await firefox.openExtensionPage('library.html');
    const clicked = await poll(
      () =>
        library.evaluate((wanted) => {
          const rows = [...document.querySelectorAll<HTMLElement>('[data-testid=row-title]')];
          const row = rows.find((candidate) => candidate.textContent === wanted);
          row?.click();
          return row !== undefined;
        }, title),
      (found) => found,
    );
    expect(clicked).toBe(true);
    await library.waitForSelector('[data-testid=reader-title]');
    return library;
  }

  const imageStatus = (library: Page) =>
    library.$eval('[data-testid=image-status]', (line) => line.textContent ?? '');

  /** What the reader shows from storage: each kept image's hash, and whether it drew. */
  const shownImages = (library: Page) =>
    library.$$eval('[data-testid=reader-body] img[data-gleaner-image]', (found) =>
      found.map((image) => ({
        hash: image.getAttribute('data-gleaner-image'),
        drawn: (image as HTMLImageElement).naturalWidth > 0,
        blob: (image as HTMLImageElement).src.startsWith('blob:'),
      })),
    );

  it('keeps the pictures of an article saved by the shortcut, from another origin too, without host access', async () => {
    const sites = await serveImageSites();
    const images = await launchFirefoxWithExtension({
      profileDir: path.join(work, 'images-profile'),
      grantHostAccess: false,
      systemAccess: true,
    });
    try {
      await turnOnSaveImages(images);
      await saveByShortcut(images, sites.articleUrl(1));
      await saveByShortcut(images, sites.articleUrl(3));
      await saveByShortcut(images, sites.articleUrl(4));

      const library = await images.openExtensionPage('library.html');
      const saved = await poll(
        () => readLibrary(library),
        (read) => read.articles.length === 3 && read.articles.every((a) => a.images),
        30_000,
      );
      const imagesOf = (title: string) =>
        saved.articles.find((article) => article.title === title)?.images ?? [];
      const kept = (url: string) => imagesOf('Ferries at night').find((i) => i.url === url);
      // (a) the CORS image host on another origin (127.0.0.1, another port) and (d) the
      // hotlink-protected one there; (b) lazy and (c) the 2x candidate on the page's own origin.
      expect(kept(sites.imageUrl('cdn'))?.hash).toBe(sha256(pngBytes('cdn')));
      expect(kept(sites.imageUrl('hotlink'))?.hash).toBe(sha256(pngBytes('hotlink')));
      expect(kept(sites.imageUrl('lazy'))?.hash).toBe(sha256(pngBytes('lazy')));
      expect(kept(sites.imageUrl('large'))?.hash).toBe(sha256(pngBytes('large')));
      expect(kept(sites.imageUrl('missing'))).toMatchObject({ failure: 'unreachable' });
      expect(saved.images.map((image) => image.hash).sort()).toEqual(
        (['cdn', 'hotlink', 'lazy', 'large'] as const).map((name) => sha256(pngBytes(name))).sort(),
      );
      // The image host saw the article's page asking, not the add-on: its origin and referrer,
      // and no cookies (a cross-origin fetch without credentials).
      expect(sites.fetchHeaders.get('/cdn/harbour.png')).toEqual({
        origin: sites.newsOrigin,
        referer: `${sites.newsOrigin}/`,
        cookie: undefined,
      });
      // A host that allows no other origin answers the page's request, but Firefox does not let
      // the add-on read it: the picture stays remote.
      expect(imagesOf('Quay at dawn')).toEqual([
        expect.objectContaining({ url: sites.imageUrl('closed'), failure: 'unreachable' }),
      ]);
      expect(sites.fetchHeaders.get('/closed/quay.jpg')?.origin).toBe(sites.newsOrigin);
      // The same for a host that also wants the news site as referrer: without host access the
      // add-on does not ask from the background, and the picture stays remote.
      expect(imagesOf('Wharf at noon')).toEqual([
        expect.objectContaining({ url: sites.imageUrl('guarded'), failure: 'unreachable' }),
      ]);
      expect(sites.fetchHeaders.get('/guarded/wharf.jpg')).toMatchObject({
        origin: sites.newsOrigin,
      });
      expect(sites.fetches.get('/guarded/wharf.jpg')).toBe(1);

      // "Try again" asks from the add-on itself (moz-extension:// origin): without host access
      // that host still refuses it.
      const quay = await openInReader(images, 'Quay at dawn');
      expect(await imageStatus(quay)).toBe('0 of 1 images saved');
      await (await quay.waitForSelector('[data-testid=image-retry]'))!.click();
      await poll(
        async () => sites.fetchHeaders.get('/closed/quay.jpg')?.origin ?? '',
        (origin) => origin.startsWith('moz-extension://'),
      );
      expect(
        await poll(
          () => quay.$eval('[data-testid=image-retry]', (b) => (b as HTMLButtonElement).disabled),
          (disabled) => !disabled,
        ),
      ).toBe(false);
      expect(await imageStatus(quay)).toBe('0 of 1 images saved');

      // Offline: the reader shows the four from storage.
      await sites.close();
      const reader = await openInReader(images, 'Ferries at night');
      expect(
        await poll(
          () => imageStatus(reader),
          (t) => t === '4 of 5 images saved',
        ),
      ).toBe('4 of 5 images saved');
      const shown = await poll(
        () => shownImages(reader),
        (found) => found.length === 4 && found.every((image) => image.drawn),
      );
      expect(shown.every((image) => image.blob && image.drawn)).toBe(true);
      expect(shown.map((image) => image.hash).sort()).toEqual(
        saved.images.map((image) => image.hash).sort(),
      );
    } finally {
      await images.close();
      await sites.close();
    }
  });

  it('with the host access the profile holds, the capture keeps pictures whose host allows no other origin, with the article as referrer', async () => {
    const sites = await serveImageSites();
    const granted = await launchFirefoxWithExtension({
      profileDir: path.join(work, 'granted-images-profile'),
      systemAccess: true,
    });
    try {
      await turnOnSaveImages(granted);
      await saveByShortcut(granted, sites.articleUrl(3));
      await saveByShortcut(granted, sites.articleUrl(4));
      const library = await granted.openExtensionPage('library.html');
      const saved = await poll(
        () => readLibrary(library),
        (read) => read.articles.length === 2 && read.articles.every((a) => a.images),
        30_000,
      );
      const imagesOf = (title: string) =>
        saved.articles.find((article) => article.title === title)?.images ?? [];
      // Kept at capture time: the page's request could not be read (no CORS), so the add-on
      // asked again itself, which the host access allows (no Origin to refuse)…
      expect(imagesOf('Quay at dawn')).toEqual([
        expect.objectContaining({ url: sites.imageUrl('closed'), hash: sha256(closedJpegBytes()) }),
      ]);
      expect(sites.fetchHeaders.get('/closed/quay.jpg')?.origin).toBeUndefined();
      // …and for the host that wants the news site as referrer, with the article's page as
      // `Referer`, set by the session rule (without it the host answers 403).
      expect(imagesOf('Wharf at noon')).toEqual([
        expect.objectContaining({
          url: sites.imageUrl('guarded'),
          hash: sha256(guardedJpegBytes()),
        }),
      ]);
      expect(sites.fetchHeaders.get('/guarded/wharf.jpg')).toEqual({
        origin: undefined,
        referer: sites.articleUrl(4),
        cookie: undefined,
      });
      // The page's request, then the add-on's one.
      expect(sites.fetches.get('/guarded/wharf.jpg')).toBe(2);
      // The rule is gone once the fetch is done.
      expect(await library.evaluate(() => browser.declarativeNetRequest.getSessionRules())).toEqual(
        [],
      );

      const wharf = await openInReader(granted, 'Wharf at noon');
      expect(await imageStatus(wharf)).toBe('1 of 1 images saved');
      const shown = await poll(
        () => shownImages(wharf),
        (found) => found.length === 1 && found[0]!.drawn,
      );
      expect(shown).toEqual([{ hash: sha256(guardedJpegBytes()), drawn: true, blob: true }]);
    } finally {
      await granted.close();
      await sites.close();
    }
  });
});
