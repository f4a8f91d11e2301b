/**
 * Drives the Firefox MV3 build in Debian's Firefox ESR over WebDriver BiDi (puppeteer-core; no
 * geckodriver). What Firefox allows here: the add-on installs (`browser.installExtension`, a
 * temporary add-on) and runs on web pages. What it does not: a BiDi session may not navigate to
 * `moz-extension://` pages (popup, options, library) and cannot press browser shortcuts or menus.
 *
 * The profile is given the optional host access "Show my highlights when I come back to a page"
 * asks for, as if the user had granted it: Firefox keeps granted origins in the profile's
 * extension-preferences.json, read when the add-on starts. With it the extension registers the
 * page highlighter on every page, and a highlight made there clips and saves the page too.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';

export const FIREFOX_EXTENSION_DIR = path.resolve(
  process.env.GLEANER_OUT_DIR ?? '.output',
  'firefox-mv3',
);
/** `browser_specific_settings.gecko.id` in wxt.config.ts. */
export const GECKO_ID = 'gleaner@gleaner.invalid';

export function firefoxPath(): string {
  const candidates = [process.env.FIREFOX_PATH, '/usr/bin/firefox-esr', '/usr/bin/firefox'];
  const found = candidates.find((candidate) => candidate && existsSync(candidate));
  if (!found)
    throw new Error('Firefox not found: install Debian’s `firefox-esr` or set FIREFOX_PATH.');
  return found;
}

export interface FirefoxExtensionBrowser {
  browser: Browser;
  /** The add-on id Firefox reports after installing it. */
  addonId: string;
  close(): Promise<void>;
}

export async function launchFirefoxWithExtension(options: {
  profileDir: string;
  /** Grant the optional `<all_urls>` access before start-up (default true). */
  grantHostAccess?: boolean;
}): Promise<FirefoxExtensionBrowser> {
  if (!existsSync(path.join(FIREFOX_EXTENSION_DIR, 'manifest.json'))) {
    throw new Error(`No build at ${FIREFOX_EXTENSION_DIR}: run \`npm run build:firefox\` first.`);
  }
  mkdirSync(options.profileDir, { recursive: true });
  if (options.grantHostAccess ?? true) {
    writeFileSync(
      path.join(options.profileDir, 'extension-preferences.json'),
      JSON.stringify({ [GECKO_ID]: { permissions: [], origins: ['<all_urls>'] } }),
    );
  }
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: firefoxPath(),
    headless: true,
    userDataDir: options.profileDir,
  });
  try {
    const addonId = await browser.installExtension(FIREFOX_EXTENSION_DIR);
    return { browser, addonId, close: () => browser.close() };
  } catch (error) {
    await browser.close();
    throw error;
  }
}
