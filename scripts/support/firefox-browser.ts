/**
 * Drives the Firefox MV3 build in Debian's Firefox ESR over WebDriver BiDi (puppeteer-core; no
 * geckodriver). What Firefox allows here: the add-on installs (`browser.installExtension`, a
 * temporary add-on) and runs on web pages. What it does not: a BiDi session may not navigate to
 * `moz-extension://` pages (popup, options, library) and cannot press browser shortcuts or menus.
 *
 * The profile is given the optional host access "Show my highlights when I come back to a page"
 * asks for, as if the user had granted it: Firefox keeps granted origins in the profile's
 * extension-preferences.json, read when the add-on starts. With it the extension registers the
 * page highlighter on every page, and a highlight made there clips and saves the page too. A test
 * may grant only some origins instead (a git repository's, as "Test connection" asks for).
 *
 * With `systemAccess`, Firefox starts with `--remote-allow-system-access` (its remote agent's own
 * switch for privileged automation). Then the session may navigate a tab to the add-on's pages
 * (the profile fixes the add-on's moz-extension UUID, pref `extensions.webextensions.uuids`) and
 * run script in the browser window, where the add-on's keyboard shortcuts are `<key>` elements:
 * `pressShortcut` fires the one a user's key press fires.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';

export const FIREFOX_EXTENSION_DIR = path.resolve(
  process.env.GLEANER_OUT_DIR ?? '.output',
  'firefox-mv3',
);
/** `browser_specific_settings.gecko.id` in wxt.config.ts. */
export const GECKO_ID = 'gleaner@gleaner.invalid';
/** The add-on's moz-extension:// host in the test profiles (Firefox picks a random one otherwise). */
export const EXTENSION_UUID = '5c1e6a0e-9b1f-4c47-8d43-6f0d8a1e2b3c';

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
  /**
   * A page of the add-on in a new tab, loaded (needs `systemAccess`). Open a new one rather than
   * navigating it again: puppeteer does not see moz-extension:// navigations, and element handles
   * it cached would then point into the old document.
   */
  openExtensionPage(file: string): Promise<Page>;
  /** Presses the manifest's shortcut of `command` in the browser window (needs `systemAccess`). */
  pressShortcut(command: string): Promise<void>;
  /**
   * What Firefox printed so far; with `consoleOutput`, this holds every console message of the
   * add-on (its background page too, which a BiDi session does not see).
   */
  output(): string;
  close(): Promise<void>;
}

/** The raw WebDriver BiDi connection under puppeteer's Firefox browser (not in its typings). */
interface BidiConnection {
  send(method: string, params: object): Promise<{ result: unknown }>;
}

function bidiConnection(browser: Browser): BidiConnection {
  const connection = (browser as unknown as { connection?: BidiConnection }).connection;
  if (typeof connection?.send !== 'function') throw new Error('Not a WebDriver BiDi browser');
  return connection;
}

/** The BiDi browsing context of a page's tab (puppeteer keeps it as the main frame's `_id`). */
function contextOf(page: Page): string {
  const id = (page.mainFrame() as unknown as { _id?: unknown })._id;
  if (typeof id !== 'string') throw new Error('No browsing context id on the page');
  return id;
}

/** `Alt+Shift+S` → the `key` and `modifiers` attributes Firefox gives the shortcut's `<key>`. */
function shortcutKey(command: string): { key: string; modifiers: string } {
  const manifest = JSON.parse(
    readFileSync(path.join(FIREFOX_EXTENSION_DIR, 'manifest.json'), 'utf8'),
  ) as { commands?: Record<string, { suggested_key?: { default?: string } }> };
  const shortcut = manifest.commands?.[command]?.suggested_key?.default;
  if (!shortcut) throw new Error(`No shortcut for the command "${command}"`);
  const parts = shortcut.split('+');
  return { key: parts.pop()!, modifiers: parts.map((part) => part.toLowerCase()).join(',') };
}

export async function launchFirefoxWithExtension(options: {
  profileDir: string;
  /**
   * The optional host access the profile holds before start-up: `true` (default) grants
   * `<all_urls>`, a list grants those match patterns only (e.g. `http://127.0.0.1/*`), `false`
   * none.
   */
  grantHostAccess?: boolean | readonly string[];
  /** Start with `--remote-allow-system-access`: add-on pages and shortcuts (default false). */
  systemAccess?: boolean;
  /** Have Firefox print all console messages, pages' and the add-on's, to its output. */
  consoleOutput?: boolean;
}): Promise<FirefoxExtensionBrowser> {
  if (!existsSync(path.join(FIREFOX_EXTENSION_DIR, 'manifest.json'))) {
    throw new Error(`No build at ${FIREFOX_EXTENSION_DIR}: run \`npm run build:firefox\` first.`);
  }
  mkdirSync(options.profileDir, { recursive: true });
  const grant = options.grantHostAccess ?? true;
  const origins = grant === true ? ['<all_urls>'] : grant === false ? [] : [...grant];
  if (origins.length > 0) {
    writeFileSync(
      path.join(options.profileDir, 'extension-preferences.json'),
      JSON.stringify({ [GECKO_ID]: { permissions: [], origins } }),
    );
  }
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: firefoxPath(),
    headless: true,
    userDataDir: options.profileDir,
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: EXTENSION_UUID }),
      ...(options.consoleOutput
        ? { 'devtools.console.stdout.content': true, 'devtools.console.stdout.chrome': true }
        : {}),
    },
    args: options.systemAccess ? ['--remote-allow-system-access'] : [],
  });
  const printed: string[] = [];
  for (const stream of [browser.process()?.stdout, browser.process()?.stderr]) {
    stream?.on('data', (chunk: Buffer) => printed.push(chunk.toString('utf8')));
  }
  try {
    const addonId = await browser.installExtension(FIREFOX_EXTENSION_DIR);
    const bidi = bidiConnection(browser);
    return {
      browser,
      addonId,
      async openExtensionPage(file) {
        const page = await browser.newPage();
        // puppeteer's goto waits for an event Firefox does not send for moz-extension:// pages.
        await bidi.send('browsingContext.navigate', {
          context: contextOf(page),
          url: `moz-extension://${EXTENSION_UUID}/${file}`,
          wait: 'complete',
        });
        return page;
      },
      async pressShortcut(command) {
        const { result } = await bidi.send('browsingContext.getTree', { 'moz:scope': 'chrome' });
        const window = (result as { contexts: { context: string }[] }).contexts[0]?.context;
        if (!window) throw new Error('No browser window');
        const { key, modifiers } = shortcutKey(command);
        const { result: call } = await bidi.send('script.callFunction', {
          target: { context: window },
          awaitPromise: false,
          arguments: [GECKO_ID, key, modifiers].map((value) => ({ type: 'string', value })),
          // The add-on's keyset is `ext-keyset-id-<id with _ for other characters>`; its keys
          // run the command on a `command` event, as a key press makes them do.
          functionDeclaration: `(id, key, modifiers) => {
            const keyset = document.getElementById('ext-keyset-id-' + id.replace(/[^a-z0-9_-]/g, '_'));
            const element = [...(keyset?.children ?? [])].find(
              (k) => k.getAttribute('key') === key && k.getAttribute('modifiers') === modifiers,
            );
            if (!element) return false;
            element.dispatchEvent(new Event('command'));
            return true;
          }`,
        });
        const pressed = (call as { result?: { value?: unknown } }).result?.value;
        if (pressed !== true) throw new Error(`The shortcut of "${command}" is not registered`);
      },
      output: () => printed.join(''),
      close: () => browser.close(),
    };
  } catch (error) {
    await browser.close();
    throw error;
  }
}
