/** Steps the Firefox ESR tests share: waiting for a value, and saving a page by the shortcut. */
import { expect } from 'vitest';
import type { FirefoxExtensionBrowser } from '@/scripts/support/firefox-browser';

/** Reads until `done` holds or the time is up, and answers the last value read. */
export async function poll<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Opens the article in a tab and presses the "save the page" shortcut there (needs `systemAccess`). */
export async function saveByShortcut(firefox: FirefoxExtensionBrowser, url: string): Promise<void> {
  const article = await firefox.browser.newPage();
  await article.goto(url);
  await article.bringToFront();
  await firefox.pressShortcut('clip-page');
  const toast = () =>
    article.evaluate(() => document.getElementById('gleaner-toast')?.shadowRoot?.textContent ?? '');
  expect(await poll(toast, (text) => text.includes('Saved to Gleaner'))).toContain(
    'Saved to Gleaner',
  );
}
