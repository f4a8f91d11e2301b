import { browser } from '#imports';

/** The optional host access of the manifest, also asked by "Show my highlights…". */
const ORIGINS = ['<all_urls>'];

/**
 * Asks, within the click that turned "Save images" on (the browser wants a user gesture), for
 * the host access that lets the extension fetch an image the article's tab could not read, with
 * the article as `Referer`. Never awaited by the switch: a prompt nobody answers (headless
 * Chromium) leaves the setting on and saved; refused, images are fetched from the page only.
 */
export function askImageHostAccess(): void {
  void browser.permissions.request({ origins: ORIGINS }).catch(() => false);
}
