/**
 * Hostile and damaged archives through the library page's real import (the picked File read
 * entry by entry): a zip bomb beside a normal post, and an export cut short.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { constants, deflateRawSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { deflateFile } from '@/lib/library/deflate';
import { EXPORT_MANIFEST } from '@/lib/library/manifest';
import { ZipWriter } from '@/lib/library/zip-writer';
import type { ExtensionBrowser } from '@/scripts/support/extension-browser';
import { useExtensionSession } from './support/session';

const post = (title: string, day: number, body: string) =>
  `---\ntitle: ${title}\ndate: 2024-01-0${day} 10:00:00 +0000\ntags:\n  - e2e\n---\n\n${body}\n`;

/** Raw DEFLATE data inflating to `mebibytes` MiB of zeros: one flushed block, repeated. */
function zeros(mebibytes: number): Uint8Array {
  const block = deflateRawSync(Buffer.alloc(1 << 20), { finishFlush: constants.Z_FULL_FLUSH });
  const data = new Uint8Array(block.length * mebibytes + 2);
  for (let i = 0; i < mebibytes; i++) data.set(block, i * block.length);
  data.set([0x03, 0x00], block.length * mebibytes); // an empty final block
  return data;
}

async function openLibrary(browser: ExtensionBrowser): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/library.html`);
  await expect
    .poll(() => page.getByTestId('library-count').getAttribute('data-ready'), { timeout: 20_000 })
    .toBe('true');
  return page;
}

describe('importing hostile and damaged archives', () => {
  const session = useExtensionSession('import-archive');

  it('a zip bomb beside a normal post: the post imports, the bomb is listed, the page lives', async () => {
    // ~3 MB; its second post inflates to 3 GB while its headers claim 20 KB.
    const zip = new ZipWriter();
    zip.addDeflated(
      deflateFile(
        { path: '_posts/2024-01-01-normal.md', text: post('Normal post', 1, 'Fine.') },
        6,
      ),
    );
    zip.addDeflated({ path: '_posts/2024-01-02-bomb.md', data: zeros(3000), crc: 0, size: 20_000 });
    const blob = await zip.close();
    expect(blob.size).toBeLessThan(4_000_000);
    const zipPath = path.join(session.work, 'bomb.zip');
    writeFileSync(zipPath, new Uint8Array(await blob.arrayBuffer()));

    const library = await openLibrary(session.browser);
    await library.getByTestId('import-input').setInputFiles(zipPath);
    const notice = library.getByTestId('notice');
    await expect
      .poll(() => notice.textContent(), { timeout: 60_000 })
      .toContain('Imported 1 of 2 articles: 1 new article.');
    expect(await library.getByTestId('notice-details').textContent()).toContain(
      '_posts/2024-01-02-bomb.md: Refused: it inflates past the size its header declares',
    );
    await expect
      .poll(() => library.getByTestId('row-title').allTextContents())
      .toEqual(['Normal post']);
    // The page is alive and its heap never held the bomb.
    expect(await library.evaluate(() => document.title.length > 0)).toBe(true);
    const cdp = await session.browser.context.newCDPSession(library);
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    expect(usedSize).toBeLessThan(200 * 1024 * 1024);
    await library.close();
  });

  it('an archive cut short: the whole articles import, the rest is counted and reported', async () => {
    const zip = new ZipWriter();
    const entries = [
      deflateFile(
        {
          path: EXPORT_MANIFEST,
          text: JSON.stringify({ format: 'gleaner-export', version: 1, articles: 3 }),
        },
        6,
      ),
      ...[1, 2, 3].map((day) =>
        deflateFile(
          {
            path: `_posts/2024-01-0${day}-cut-${day}.md`,
            text: post(
              `Cut ${day}`,
              day,
              Array.from({ length: 400 }, (_, i) => i * 7919 + day).join(' '),
            ),
          },
          6,
        ),
      ),
    ];
    for (const entry of entries) zip.addDeflated(entry);
    const bytes = new Uint8Array(await (await zip.close()).arrayBuffer());
    // Cut inside the last post: it and the central directory are gone.
    const lastEnds = entries.reduce((sum, e) => sum + 30 + e.path.length + e.data.length, 0);
    const zipPath = path.join(session.work, 'cut.zip');
    writeFileSync(zipPath, bytes.slice(0, lastEnds - 50));

    const library = await openLibrary(session.browser);
    await library.getByTestId('import-input').setInputFiles(zipPath);
    const notice = library.getByTestId('notice');
    await expect
      .poll(() => notice.textContent(), { timeout: 60_000 })
      .toContain('Imported 2 of 3 articles');
    expect(await notice.textContent()).toContain('damaged or cut short');
    const details = await library.getByTestId('notice-details').textContent();
    expect(details).toContain('cut.zip is damaged');
    expect(details).toContain('1 of the 3 articles its manifest lists are not in the archive');
    await expect
      .poll(async () => (await library.getByTestId('row-title').allTextContents()).sort())
      .toEqual(['Cut 1', 'Cut 2', 'Normal post']);
  });
});
