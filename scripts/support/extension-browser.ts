/**
 * Drives the built extension in Debian's headless Chromium the way a user does: the toolbar button
 * is clicked through DevTools' `Extensions.triggerAction` (which grants activeTab, as a click does),
 * then the popup is opened for that tab with `popup.html?tabId=N`. Used by the E2E tests and the demo.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';

/** The piece of the extension API that test code evaluates inside the service worker. */
declare const chrome: {
  tabs: { query(filter: object): Promise<Array<{ id?: number; url?: string }>> };
};

export const EXTENSION_DIR = path.resolve(process.env.GLEANER_OUT_DIR ?? '.output', 'chrome-mv3');

export interface ExtensionBrowser {
  context: BrowserContext;
  extensionId: string;
  /** Wakes the MV3 worker if it went idle and returns it. */
  worker(): Promise<Worker>;
  close(): Promise<void>;
}

function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/lib/chromium/chromium'];
  const found = candidates.find((candidate) => candidate && existsSync(candidate));
  if (!found)
    throw new Error('Chromium not found: install Debian’s `chromium` or set CHROMIUM_PATH.');
  return found;
}

export async function launchExtensionBrowser(options: {
  profileDir: string;
  downloadsDir?: string;
  /**
   * The browser's language, which picks the extension's messages (`_locales`): `en-US` unless
   * asked, so tests read the same text on any machine. `--lang` is what Chromium's i18n follows.
   */
  lang?: string;
}): Promise<ExtensionBrowser> {
  const lang = options.lang ?? 'en-US';
  if (!existsSync(path.join(EXTENSION_DIR, 'manifest.json'))) {
    throw new Error(`No build at ${EXTENSION_DIR}: run \`npm run build\` first.`);
  }
  if (options.downloadsDir) {
    // Chromium honours the extension's `filename` only with this preference and `behavior: default`.
    mkdirSync(path.join(options.profileDir, 'Default'), { recursive: true });
    mkdirSync(options.downloadsDir, { recursive: true });
    const preferences = path.join(options.profileDir, 'Default', 'Preferences');
    if (!existsSync(preferences)) {
      writeFileSync(
        preferences,
        JSON.stringify({
          download: {
            default_directory: options.downloadsDir,
            prompt_for_download: false,
            directory_upgrade: true,
          },
        }),
      );
    }
  }
  const context = await chromium.launchPersistentContext(options.profileDir, {
    executablePath: chromiumPath(),
    headless: true,
    args: [
      `--disable-extensions-except=${EXTENSION_DIR}`,
      `--load-extension=${EXTENSION_DIR}`,
      '--enable-unsafe-extension-debugging',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      `--lang=${lang}`,
    ],
    locale: lang,
    viewport: { width: 1000, height: 800 },
  });
  if (options.downloadsDir) {
    const cdp = await context.browser()!.newBrowserCDPSession();
    await cdp.send('Browser.setDownloadBehavior', { behavior: 'default' });
  }
  const first =
    context.serviceWorkers()[0] ??
    (await context.waitForEvent('serviceworker', { timeout: 20_000 }));
  const extensionId = new URL(first.url()).host;
  return {
    context,
    extensionId,
    async worker() {
      const live = context.serviceWorkers().find((w) => w.url().includes(extensionId));
      if (live) return live;
      const page = await context.newPage();
      await page
        .goto(`chrome-extension://${extensionId}/popup.html?tabId=0`)
        .catch(() => undefined);
      const woken = await context.waitForEvent('serviceworker', { timeout: 10_000 });
      await page.close();
      return woken;
    },
    close: () => context.close(),
  };
}

/** Clicks the toolbar button on the tab that shows `page`, as a user does. */
export async function clickToolbarButton(browser: ExtensionBrowser, page: Page): Promise<void> {
  const cdp = await browser.context.browser()!.newBrowserCDPSession();
  const { targetInfos } = await cdp.send('Target.getTargets', {
    filter: [{ type: 'tab', exclude: false }],
  });
  const tab = targetInfos.find((target) => target.type === 'tab' && target.url === page.url());
  if (!tab) throw new Error(`No tab shows ${page.url()}`);
  await cdp.send('Extensions.triggerAction', { id: browser.extensionId, targetId: tab.targetId });
  await cdp.detach();
}

/** The browser's id of the tab that shows `url` (visible to the extension once activeTab is granted). */
export async function tabIdOf(browser: ExtensionBrowser, url: string): Promise<number> {
  const worker = await browser.worker();
  const id = await worker.evaluate(async (target: string) => {
    const tabs = await chrome.tabs.query({});
    return tabs.find((tab) => tab.url === target)?.id ?? null;
  }, url);
  if (id === null) throw new Error(`The extension sees no tab at ${url}`);
  return id;
}

/** Clicks the toolbar button on `page` and opens the popup for its tab in a page of its own. */
export async function openPopupFor(browser: ExtensionBrowser, page: Page): Promise<Page> {
  await page.bringToFront();
  await clickToolbarButton(browser, page);
  const tabId = await tabIdOf(browser, page.url());
  const popup = await browser.context.newPage();
  await popup.setViewportSize({ width: 420, height: 640 });
  await popup.goto(`chrome-extension://${browser.extensionId}/popup.html?tabId=${tabId}`);
  return popup;
}
