/**
 * The Firefox MV3 build in Firefox ESR, over WebDriver BiDi: it installs, and on a web page it
 * clips and highlights — select text, press the floating "Highlight" button, and the background
 * extracts the article, saves it with the highlight in its IndexedDB and the page paints it; after a
 * reload the saved highlight comes back (read from that database).
 *
 * Not covered here, because Firefox forbids it to a BiDi session: the popup, options and library
 * pages (`moz-extension://` navigation is refused) and browser shortcuts and menus (key presses
 * reach the page only). Those run in Chromium (the other E2E files).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  GECKO_ID,
  launchFirefoxWithExtension,
  type FirefoxExtensionBrowser,
} from '@/scripts/support/firefox-browser';
import { serveFolder, type StaticServer } from '@/scripts/support/static-server';

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

async function poll<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
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
});
