import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parseFrontMatter } from '@/lib/export/front-matter';
import { openPopupFor } from '@/scripts/support/extension-browser';
import { useExtensionSession } from './support/session';

interface Incidents {
  dialogs: string[];
  errors: string[];
  requests: string[];
  navigations: string[];
}

/** Everything an extension page does that a hostile article could have caused. */
function watch(page: Page): Incidents {
  const incidents: Incidents = { dialogs: [], errors: [], requests: [], navigations: [] };
  const start = page.url();
  page.on('dialog', (dialog) => {
    incidents.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('console', (message) => {
    // The article's images cannot load on this offline machine; that is not the page running code.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource: net::'))
      incidents.errors.push(message.text());
  });
  page.on('pageerror', (error) => incidents.errors.push(error.message));
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith('chrome-extension://')) incidents.requests.push(url);
  });
  page.on('framenavigated', (frame) => {
    if (frame.url() !== start && frame.url() !== 'about:blank')
      incidents.navigations.push(frame.url());
  });
  return incidents;
}

/** Nothing ran: no dialog, no error, no request to the attacker, no script URL, no navigation. */
function expectNothingRan(incidents: Incidents, ownUrl: (url: string) => boolean): void {
  expect(incidents.dialogs).toEqual([]);
  expect(incidents.errors).toEqual([]);
  expect(incidents.requests.filter((url) => /evil|javascript:|data:|vbscript:/i.test(url))).toEqual(
    [],
  );
  expect(incidents.navigations.filter((url) => !ownUrl(url))).toEqual([]);
}

describe('a hostile page cannot reach into the extension', () => {
  const session = useExtensionSession();

  it('clips, saves and exports it in the popup with nothing run, and a clean post', async () => {
    const page = await session.browser.context.newPage();
    page.on('dialog', (dialog) => void dialog.dismiss()); // the page's own scripts are its business
    await page.goto(session.server.url('hostile/injection.html'));
    const popup = await openPopupFor(session.browser, page);
    const incidents = watch(popup);
    await popup.getByTestId('clip-title').waitFor({ timeout: 20_000 });
    await popup.getByTestId('tag-suggestion').first().click();
    await popup.getByTestId('save-button').click();
    await expect.poll(() => popup.getByTestId('status').textContent()).toContain('Saved');
    await popup.getByTestId('export-button').click();
    const dir = path.join(session.downloadsDir, '_posts');
    await expect
      .poll(() => (existsSync(dir) ? readdirSync(dir).length : 0), { timeout: 15_000 })
      .toBe(1);
    const post = readFileSync(path.join(dir, readdirSync(dir)[0]!), 'utf8');
    await popup.waitForTimeout(500);
    expectNothingRan(incidents, (url) =>
      url.startsWith(`chrome-extension://${session.browser.extensionId}/popup.html`),
    );

    const { data, body } = parseFrontMatter(post);
    expect(data.layout).toBe('post');
    expect(String(data.title)).toContain('---');
    const yaml11 = parseYaml(post.split('\n---\n')[0]!.replace(/^---\n/, ''), { version: '1.1' });
    expect(yaml11.title).toBe(data.title);
    expect(body).not.toMatch(/<script|<iframe|onerror|onload|(?<!\\)\]\(\s*javascript:/i);
    await popup.close();
  });

  it('renders the saved hostile article in the options preview with nothing run', async () => {
    const options = await session.browser.context.newPage();
    const incidents = watch(options);
    await options.goto(`chrome-extension://${session.browser.extensionId}/options.html`);
    await options.getByTestId('template-preview').waitFor();
    await options.waitForTimeout(1_000);
    expectNothingRan(incidents, (url) =>
      url.startsWith(`chrome-extension://${session.browser.extensionId}/options.html`),
    );
  });

  it('lists and searches it in the library, and opens it in the reader, with nothing run', async () => {
    const library = await session.browser.context.newPage();
    const incidents = watch(library);
    await library.goto(`chrome-extension://${session.browser.extensionId}/library.html`);
    await expect
      .poll(() => library.getByTestId('article-row').count(), { timeout: 20_000 })
      .toBe(1);
    await library.getByTestId('search-input').fill('council');
    await expect.poll(() => library.getByTestId('article-row').count()).toBe(1);
    await library.getByTestId('row-title').first().click();
    await library.getByTestId('reader-body').waitFor();
    expect(
      await library
        .locator('[data-testid=reader-body] script, [data-testid=reader-body] iframe')
        .count(),
    ).toBe(0);
    await library.waitForTimeout(1_000);
    expectNothingRan(incidents, (url) =>
      url.startsWith(`chrome-extension://${session.browser.extensionId}/library.html`),
    );
  });
});
